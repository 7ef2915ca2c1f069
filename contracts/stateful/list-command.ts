import type fc from 'fast-check';
import { listConnections } from '../support/session.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/** Lists connections: exactly the model's kinds, with their statuses. */
export class ListCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const listed = await listConnections(real.context, real.key);
    if (!listed) return fail(real, 'listIntegrations', 'the connection list could not be read');
    const expected = new Map([...model.connections].map(([kind, c]) => [kind, c.status]));
    const show = (map: Map<string, string>) => JSON.stringify([...map].sort());
    if (show(listed) !== show(expected)) fail(real, 'listIntegrations', `listed ${show(listed)}, the model expects ${show(expected)}`);
  }

  toString(): string {
    return 'list()';
  }
}
