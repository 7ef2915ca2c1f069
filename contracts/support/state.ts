import fc from 'fast-check';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { credentialsFor } from './secrets.js';
import { ADMIN_SCOPES, connectWith, dataOf } from './session.js';

/**
 * Blocks in a canonical form, whatever order a target lists them in: sorted tables, and sorted columns per
 * table with empty lists left out. Anything that is not a scoping body stays as it is, so it equals none.
 */
export function canonicalBlocks(scoping: any): string {
  if (!scoping || !Array.isArray(scoping.blockedTables) || typeof scoping.blockedColumns !== 'object' || scoping.blockedColumns === null) {
    return JSON.stringify({ notScoping: scoping ?? null });
  }
  const columns = Object.entries(scoping.blockedColumns as Record<string, string[]>)
    .filter(([, list]) => !Array.isArray(list) || list.length)
    .map(([table, list]) => [table, Array.isArray(list) ? [...list].sort() : list])
    .sort();
  return JSON.stringify([[...(scoping.blockedTables as string[])].sort(), columns]);
}

/**
 * What each organization's integrations look like through the API: the connections with their status, and
 * their blocks in canonical form. Two equal snapshots around a refused request show that it changed nothing.
 */
export async function snapshot(context: SuiteContext): Promise<string> {
  const state: Record<string, unknown> = {};
  for (const org of context.orgs) {
    const key = context.keyWith(['integrations:read'], org);
    if (!key) continue;
    const list = dataOf(await context.call('listIntegrations', { key }));
    const connections = (Array.isArray(list) ? list : []) as Array<{ kind: string; status: string }>;
    const scoping: Record<string, string> = {};
    for (const connection of connections) {
      scoping[connection.kind] = canonicalBlocks(dataOf(await context.call('getIntegrationScoping', { key, params: { kind: connection.kind } })));
    }
    state[org] = { connections: connections.map((c) => [c.kind, c.status]).sort(), scoping };
  }
  return JSON.stringify(state);
}

/**
 * Brings each organization that has an admin key to a known state: `kind` connected, discovered and
 * scoped (so that a request that should be refused would have something to change).
 */
export async function seedState(context: SuiteContext, kind: string, seed: number): Promise<void> {
  const [credentials] = fc.sample(credentialsFor(kind), { seed, numRuns: 1 });
  for (const org of context.orgs) {
    const key = context.keyWith(ADMIN_SCOPES, org);
    if (!key || !credentials) continue;
    const connected = await connectWith(context, key, kind, credentials);
    if (connected.response.status >= 300) continue;
    await context.call('discoverIntegration', { key, params: { kind } });
    await context.call('setIntegrationScoping', { key, params: { kind }, json: { blockedTables: ['flowyte_contract_probe'] } });
  }
}
