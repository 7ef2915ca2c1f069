import type fc from 'fast-check';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Discovers: 200 when connected; a 4xx while pending (409 declared) or absent (404). */
export class DiscoverCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('discoverIntegration', { key: real.key, params: { kind: this.kind } });
    const connection = model.connections.get(this.kind);
    const { status } = exchange.response;
    if (connection?.status === 'connected') {
      if (status !== 200) fail(real, 'discoverIntegration', `discover of connected ${this.kind}: expected 200, got ${status}`, exchange);
      connection.discovered = true;
    } else if (!connection && status !== 404) {
      fail(real, 'discoverIntegration', `discover of unconnected ${this.kind}: expected 404, got ${status}`, exchange);
    } else if (connection && (status < 400 || status > 499)) {
      fail(real, 'discoverIntegration', `discover of pending ${this.kind}: expected a 4xx, got ${status}`, exchange);
    }
  }

  toString(): string {
    return `discover(${this.kind})`;
  }
}
