import type fc from 'fast-check';
import { validReadBinding } from '../support/bindings.js';
import { readSchema } from '../support/discovered.js';
import { SQL_KINDS } from '../support/providers.js';
import { RUN_NONCE } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

let bindings = 0;

/**
 * Binds a read built from the schema as the target shows it (so nothing blocked): accepted once the kind is
 * connected and discovered, refused with a 4xx without a connection.
 */
export class BindCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(
    readonly kind: string,
    readonly pick: number,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const connection = model.connections.get(this.kind);
    const toolName = `stateful_${RUN_NONCE}_${++bindings}`;
    const schema = connection ? await readSchema(real.context, real.key, this.kind) : undefined;
    if (schema) connection!.discovered = true; // a target may discover on connect
    const sql = (SQL_KINDS as readonly string[]).includes(this.kind);
    const body = schema ? validReadBinding(schema, toolName, this.pick, sql) : { toolName, operation: 'not_discovered_yet' };
    if (!body) return; // scoping left nothing bindable
    const exchange = await real.context.call('createIntegrationBinding', { key: real.key, params: { kind: this.kind, agentId: real.agentId }, json: body });
    const { status } = exchange.response;
    if (schema && (status < 200 || status > 299)) fail(real, 'createIntegrationBinding', `a valid binding on discovered ${this.kind} was refused with ${status}`, exchange);
    if (!connection && (status < 400 || status > 499)) fail(real, 'createIntegrationBinding', `binding on unconnected ${this.kind}: expected a 4xx, got ${status}`, exchange);
  }

  toString(): string {
    return `bind(${this.kind}, ${this.pick})`;
  }
}
