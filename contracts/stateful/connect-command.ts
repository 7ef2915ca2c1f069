import type fc from 'fast-check';
import { connectWith, dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Connects a credentials kind that is not connected yet: 200, status connected. */
export class ConnectCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(
    readonly kind: string,
    readonly credentials: Record<string, string>,
  ) {}

  check(model: Readonly<IntegrationsModel>): boolean {
    return !model.connections.has(this.kind);
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await connectWith(real.context, real.key, this.kind, this.credentials);
    if (dataOf(exchange)?.status !== 'connected') fail(real, 'connectIntegration', `connect ${this.kind} answered ${exchange.response.status} without status connected`, exchange);
    model.connections.set(this.kind, { status: 'connected', discovered: false, blockedTables: [], blockedColumns: {} });
  }

  toString(): string {
    return `connect(${this.kind})`;
  }
}
