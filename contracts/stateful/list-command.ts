import type fc from 'fast-check';
import { listConnections } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Lists connections: the sequence's kind exactly as the model has it (listed with its status, or not at all). */
export class ListCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  /** The sequence's kind: other kinds belong to runs in other lanes. */
  constructor(readonly kind: string) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const all = await listConnections(real.context, real.key);
    if (!all) return fail(real, 'listIntegrations', 'the connection list could not be read');
    const listed = new Map([...all].filter(([kind]) => kind === this.kind));
    const expected = new Map([...model.connections].map(([kind, c]) => [kind, c.status]));
    const show = (map: Map<string, string>) => JSON.stringify([...map].sort());
    if (show(listed) !== show(expected)) fail(real, 'listIntegrations', `listed ${show(listed)}, the model expects ${show(expected)}`);
  }

  toString(): string {
    return 'list()';
  }
}
