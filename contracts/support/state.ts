import fc from 'fast-check';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { connectionList } from './pages.js';
import type { Precondition } from './preconditions.js';
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
 * What each organization's connection of `kind` looks like through the API: listed or not, its status, and
 * its blocks in canonical form. Two equal snapshots around a refused request show that it changed nothing.
 * Only `kind`: the other kinds belong to runs in other lanes.
 */
export async function snapshot(context: SuiteContext, kind: string): Promise<string> {
  const orgs = context.orgs.flatMap((org) => {
    const key = context.keyWith(['integrations:read'], org);
    return key ? [{ org, key }] : [];
  });
  const states = await Promise.all(
    orgs.map(async ({ org, key }) => {
      // The scoping is read side by side with the list (a kind that is not connected answers a 4xx to it).
      const [list, scoped] = await Promise.all([connectionList(context, key), context.call('getIntegrationScoping', { key, params: { kind } })]);
      // Every entry of the kind, so that a duplicate shows too.
      const statuses = (list ?? []).filter((c) => c.kind === kind).map((c) => c.status);
      return [org, { statuses, scoping: statuses.length ? canonicalBlocks(dataOf(scoped)) : null }] as const;
    }),
  );
  return JSON.stringify(states);
}

/**
 * Brings each organization that has an admin key to the state an operation needs to succeed: for `connected`,
 * `kind` connected and scoped (so that a request that should be refused would have something to change); for
 * `discovered`, discovered too. `nothing` leaves every organization without the kind, where a connect that
 * should have been refused shows.
 */
export async function seedState(context: SuiteContext, kind: string, seed: number, needs: Precondition['needs']): Promise<void> {
  if (needs === 'nothing') return;
  const [credentials] = fc.sample(credentialsFor(kind), { seed, numRuns: 1 });
  const keys = context.keysWith(ADMIN_SCOPES);
  // Organizations are apart from each other: each is brought to its state side by side.
  await Promise.all(
    keys.map(async (key) => {
      if (!credentials) return;
      const connected = await connectWith(context, key, kind, credentials);
      if (connected.response.status >= 300) return;
      // Scoping needs the connection, not its discovery: the two go side by side.
      await Promise.all([
        needs === 'discovered' && context.call('discoverIntegration', { key, params: { kind } }),
        context.call('setIntegrationScoping', { key, params: { kind }, json: { blockedTables: ['flowyte_contract_probe'] } }),
      ]);
    }),
  );
}
