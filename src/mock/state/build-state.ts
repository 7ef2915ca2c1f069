import { discoverProviderSchema } from '../provider-schemas.js';
import type { Scoping } from '../scoping.js';
import { addSkill } from '../skill-body.js';
import type { Connection, Store } from '../store.js';
import type { Seed, SeedConnection } from './seed.js';

/**
 * Fills an emptied store from a seed. Every object is new, so that nothing a request changes reaches the
 * seed (reset must find it as it was); `now` dates what the seed leaves undated.
 */
export function buildState(store: Store, seed: Seed, now: string): void {
  for (const org of seed.orgs) {
    store.orgs.set(org.id, { id: org.id, name: org.name });
    store.connections.set(org.id, new Map());
  }
  for (const agent of seed.agents) store.agents.set(agent.id, { ...agent });
  for (const key of seed.keys) store.keys.set(key.token, { ...key, scopes: new Set(key.scopes) });
  for (const connection of seed.connections) store.connectionsOf(connection.orgId).set(connection.kind, connectionOf(connection, now));
  for (const { agentId, spec, saved } of seed.skills) {
    // addSkill is the one place a skill's body is built; a saved skill then takes back its own id and times.
    // The spec is copied, since the body keeps parts of it and the seed serves every reset.
    const made = addSkill(store, store.agents.get(agentId)!, structuredClone(spec), now);
    if (!saved) continue;
    const skills = store.skills.get(agentId)!;
    skills[skills.length - 1] = { ...made, id: saved.id, body: { ...made.body, id: saved.id, createdAt: saved.createdAt, updatedAt: saved.updatedAt } };
  }
}

function connectionOf(seed: SeedConnection, now: string): Connection {
  return {
    kind: seed.kind,
    authType: seed.authType,
    status: seed.status,
    createdAt: seed.createdAt ?? now,
    updatedAt: seed.updatedAt ?? now,
    connectedAt: seed.connectedAt === undefined ? now : seed.connectedAt,
    credentials: seed.credentials && { fields: [...seed.credentials.fields] },
    discovery: seed.discovered ? { schema: discoverProviderSchema(seed.kind), discoveredAt: seed.discoveredAt ?? now } : null,
    scoping: copyScoping(seed.scoping),
  };
}

function copyScoping(scoping: Scoping): Scoping {
  return {
    blockedTables: [...scoping.blockedTables],
    blockedColumns: new Map([...scoping.blockedColumns].map(([table, columns]) => [table, [...columns]])),
  };
}
