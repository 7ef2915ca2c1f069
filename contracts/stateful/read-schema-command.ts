import type fc from 'fast-check';
import { readAllObjectNames } from '../support/discovered.js';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/**
 * Reads the schema or every page of the objects: 404 without a connection; once discovered, 200 with nothing
 * blocked in it. Between connect and discover a target may answer either (it may discover on connect).
 */
export class ReadSchemaCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(
    readonly kind: string,
    readonly via: 'schema' | 'objects',
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const operationId = this.via === 'schema' ? 'getIntegrationSchema' : 'listIntegrationObjects';
    const connection = model.connections.get(this.kind);
    if (this.via === 'objects') {
      const names = await readAllObjectNames(real.context, real.key, this.kind);
      if (!connection && names) fail(real, operationId, `objects of unconnected ${this.kind} answered 200`);
      if (connection?.discovered && !names) fail(real, operationId, `objects of discovered ${this.kind} could not be read`);
      if (names && connection) connection.discovered = true;
      const blocked = names?.find((name) => connection?.blockedTables.includes(name));
      if (blocked) fail(real, operationId, `blocked table ${blocked} shows in objects`);
      return;
    }
    const exchange = await real.context.call(operationId, { key: real.key, params: { kind: this.kind } });
    const { status } = exchange.response;
    if (!connection || (connection.status === 'pending' && !connection.discovered)) {
      if (status !== 404 && !(connection && status === 409)) fail(real, operationId, `schema of ${connection ? 'pending' : 'unconnected'} ${this.kind}: expected 404, got ${status}`, exchange);
      return;
    }
    if (!connection.discovered && status === 404) return;
    if (status !== 200) fail(real, operationId, `schema of discovered ${this.kind}: expected 200, got ${status}`, exchange);
    connection.discovered = true;
    for (const object of (dataOf(exchange)?.objects ?? []) as Array<{ name: string; fields?: Array<{ name: string }> }>) {
      if (connection.blockedTables.includes(object.name)) fail(real, operationId, `blocked table ${object.name} shows in the schema`, exchange);
      const blocked = connection.blockedColumns[object.name] ?? [];
      const shown = (object.fields ?? []).find((field) => blocked.includes(field.name));
      if (shown) fail(real, operationId, `blocked column ${object.name}.${shown.name} shows in the schema`, exchange);
    }
  }

  toString(): string {
    return `read${this.via === 'schema' ? 'Schema' : 'Objects'}(${this.kind})`;
  }
}
