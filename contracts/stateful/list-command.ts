import type fc from 'fast-check';
import { dataOf } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/**
 * Lists connections: the sequence's kind exactly as the model has it, listed once with its status or not at
 * all. Other kinds belong to runs in other lanes.
 */
export class ListCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const exchange = await real.context.call('listIntegrations', { key: real.key });
    const list = dataOf(exchange);
    if (!Array.isArray(list)) return fail(real, 'listIntegrations', 'the connection list could not be read', exchange);
    const listed = (list as Array<{ kind: string; status: string }>).filter((c) => c.kind === this.kind).map((c) => c.status);
    const expected = model.connections.has(this.kind) ? [model.connections.get(this.kind)!.status] : [];
    if (JSON.stringify(listed) !== JSON.stringify(expected)) {
      fail(real, 'listIntegrations', `listed ${this.kind} as ${JSON.stringify(listed)}, the model expects ${JSON.stringify(expected)}`, exchange);
    }
  }

  toString(): string {
    return 'list()';
  }
}
