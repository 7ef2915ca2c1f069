import type fc from 'fast-check';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';
import { sameScoping } from './scoping-equality.js';

/** Reads the blocks back: the model's, or 404 when the kind has no connection. */
export class ReadScopingCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('getIntegrationScoping', { key: real.key, params: { kind: this.kind } });
    const connection = model.connections.get(this.kind);
    if (!connection) {
      if (exchange.response.status !== 404) fail(real, 'getIntegrationScoping', `scoping of unconnected ${this.kind}: expected 404, got ${exchange.response.status}`, exchange);
    } else if (!sameScoping(dataOf(exchange), connection)) {
      fail(real, 'getIntegrationScoping', `scoping read ${JSON.stringify(dataOf(exchange))}, the model expects ${JSON.stringify({ blockedTables: connection.blockedTables, blockedColumns: connection.blockedColumns })}`, exchange);
    }
  }

  toString(): string {
    return `readScoping(${this.kind})`;
  }
}
