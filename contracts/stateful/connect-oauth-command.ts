import type fc from 'fast-check';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Starts an OAuth connection: an oauthUrl, and the kind pending. */
export class ConnectOAuthCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(model: Readonly<IntegrationsModel>): boolean {
    return !model.connections.has(this.kind);
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('connectIntegration', { key: real.key, params: { kind: this.kind } });
    const oauthUrl = dataOf(exchange)?.oauthUrl;
    if (typeof oauthUrl !== 'string') fail(real, 'connectIntegration', `connect ${this.kind} answered ${exchange.response.status} without an oauthUrl`, exchange);
    model.connections.set(this.kind, { status: 'pending', discovered: false, blockedTables: [], blockedColumns: {}, oauthUrl });
  }

  toString(): string {
    return `connectOAuth(${this.kind})`;
  }
}
