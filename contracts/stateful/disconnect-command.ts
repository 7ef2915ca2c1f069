import type fc from 'fast-check';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Disconnects: 200 when the kind is connected or pending, 404 when it is not. */
export class DisconnectCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('disconnectIntegration', { key: real.key, params: { kind: this.kind } });
    const expected = model.connections.has(this.kind) ? 200 : 404;
    if (exchange.response.status !== expected) fail(real, 'disconnectIntegration', `disconnect ${this.kind}: expected ${expected}, got ${exchange.response.status}`, exchange);
    model.connections.delete(this.kind);
  }

  toString(): string {
    return `disconnect(${this.kind})`;
  }
}
