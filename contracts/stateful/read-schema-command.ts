import type fc from 'fast-check';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Reads the schema or the objects: 404 until discovered; afterwards nothing blocked shows. */
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
    const exchange = await real.context.call(operationId, { key: real.key, params: { kind: this.kind }, ...(this.via === 'objects' ? { query: { limit: '100' } } : {}) });
    const connection = model.connections.get(this.kind);
    if (!connection?.discovered) {
      if (exchange.response.status !== 404) fail(real, operationId, `${this.via} of undiscovered ${this.kind}: expected 404, got ${exchange.response.status}`, exchange);
      return;
    }
    const data = dataOf(exchange);
    const objects: Array<{ name: string; fields?: Array<{ name: string }> }> = (this.via === 'schema' ? data?.objects : data) ?? [];
    if (exchange.response.status !== 200) fail(real, operationId, `${this.via} of discovered ${this.kind}: expected 200, got ${exchange.response.status}`, exchange);
    for (const object of objects) {
      if (connection.blockedTables.includes(object.name)) fail(real, operationId, `blocked table ${object.name} shows in ${this.via}`, exchange);
      const blocked = connection.blockedColumns[object.name] ?? [];
      const shown = (object.fields ?? []).find((field) => blocked.includes(field.name));
      if (shown) fail(real, operationId, `blocked column ${object.name}.${shown.name} shows in ${this.via}`, exchange);
    }
  }

  toString(): string {
    return `read${this.via === 'schema' ? 'Schema' : 'Objects'}(${this.kind})`;
  }
}
