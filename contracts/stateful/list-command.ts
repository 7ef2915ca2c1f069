import type fc from 'fast-check';
import { connectionList } from '../support/pages.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/**
 * Lists connections (every page): the sequence's kind exactly as the model has it, listed once with its status or not at
 * all. Other kinds belong to runs in other lanes.
 */
export class ListCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const list = await connectionList(real.context, real.key);
    if (!list) return fail(real, 'listIntegrations', 'the connection list could not be read');
    const listed = list.filter((c) => c.kind === this.kind).map((c) => c.status);
    const expected = model.connections.has(this.kind) ? [model.connections.get(this.kind)!.status] : [];
    if (JSON.stringify(listed) !== JSON.stringify(expected)) {
      fail(real, 'listIntegrations', `listed ${this.kind} as ${JSON.stringify(listed)}, the model expects ${JSON.stringify(expected)}`);
    }
  }

  toString(): string {
    return 'list()';
  }
}
