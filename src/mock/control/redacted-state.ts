import { scopingBody } from '../scoping.js';
import type { Store } from '../store.js';

/** Keys show a recognisable prefix and at most their last four characters, never whole. */
export function redactToken(token: string): string {
  // The recognisable prefix only when it is the API's own; any other token shows nothing of its start.
  const prefix = token.startsWith('flowyte_sk_') ? 'flowyte_sk_' : '';
  const tail = token.length > prefix.length + 12 ? token.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/**
 * The state for `GET /__mock/state`: everything a developer wants to see, with every secret redacted. It has
 * the data file's shape (src/mock/mock-data.ts), so `PUT /__mock/state` and a `--state` file take it back.
 */
export function redactedState(store: Store) {
  return {
    orgs: [...store.orgs.values()],
    agents: [...store.agents.values()].map((agent) => ({ id: agent.id, org: agent.orgId, name: agent.name })),
    keys: [...store.keys.values()].map((key) => ({ name: key.name, org: key.orgId, scopes: [...key.scopes], token: redactToken(key.token) })),
    connections: Object.fromEntries(
      [...store.connections].map(([orgId, connections]) => [
        orgId,
        [...connections.values()].map((c) => ({
          kind: c.kind,
          status: c.status,
          authType: c.authType,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          connectedAt: c.connectedAt,
          discoveredAt: c.discovery?.discoveredAt ?? null,
          // only the names of the submitted fields: no value was kept to show
          credentials: c.credentials,
          scoping: scopingBody(c.scoping),
        })),
      ]),
    ),
    pendingAuthorizations: store.consents.size,
    skills: Object.fromEntries([...store.skills].map(([agentId, skills]) => [agentId, skills.map((s) => s.body)])),
  };
}
