import type fc from 'fast-check';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';
import { sameScoping } from './scoping-equality.js';

export interface ScopingUpdate {
  blockedTables?: string[];
  blockedColumns?: Record<string, string[]>;
}

/** Sets blocks: 404 unless the kind has a connection; else 200 with the scoping that results. */
export class SetScopingCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(
    readonly kind: string,
    readonly update: ScopingUpdate,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('setIntegrationScoping', { key: real.key, params: { kind: this.kind }, json: this.update });
    const connection = model.connections.get(this.kind);
    if (!connection) {
      if (exchange.response.status !== 404) fail(real, 'setIntegrationScoping', `scoping of unconnected ${this.kind}: expected 404, got ${exchange.response.status}`, exchange);
      return;
    }
    // Each key sent replaces its blocks; empty lists clear (contract: setIntegrationScoping).
    if (this.update.blockedTables) connection.blockedTables = [...new Set(this.update.blockedTables)];
    if (this.update.blockedColumns) connection.blockedColumns = Object.fromEntries(Object.entries(this.update.blockedColumns).filter(([, c]) => c.length));
    if (!sameScoping(dataOf(exchange), connection)) fail(real, 'setIntegrationScoping', `scoping answered ${JSON.stringify(dataOf(exchange))}, the model expects ${JSON.stringify({ blockedTables: connection.blockedTables, blockedColumns: connection.blockedColumns })}`, exchange);
  }

  toString(): string {
    return `setScoping(${this.kind}, ${JSON.stringify(this.update)})`;
  }
}
