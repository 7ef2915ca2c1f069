import type { FieldError } from '../../validation/field-errors.js';
import { PROVIDERS } from '../catalog.js';
import { keyName, type DataConnection, type MockData } from '../mock-data.js';
import { applyScopingUpdate, emptyScoping } from '../scoping.js';
import type { IntegrationKind } from '../types.js';
import { checkDataShape } from './check-shape.js';
import { compileSkills } from './compile-skills.js';
import type { Seed, SeedConnection } from './seed.js';

export interface CompileOptions {
  /**
   * The whole token of a key given redacted (as `GET /__mock/state` shows it), found by the key's name. A
   * data file has no keys to find it among: without this, a redacted token is refused.
   */
  readonly resolveToken?: (name: string, redacted: string) => string | undefined;
}

export type Compiled = { readonly seed: Seed; readonly errors?: undefined } | { readonly errors: FieldError[] };

/**
 * Checks any value given as start data or a snapshot, its shape and then the rest (see compileSeed): what
 * every way in goes through (a `--data` file, createMockCore's `data`, `PUT /__mock/state`, a `--state` file),
 * so that a bad value is a list of named fields, never a crash. `root` names the whole value.
 */
export function checkAndCompile(value: unknown, root: string, options: CompileOptions = {}): Compiled {
  const shape = checkDataShape(value, root);
  return shape.length ? { errors: shape } : compileSeed(value as MockData, options);
}

/**
 * Checks what a shape check cannot (every reference names something listed, nothing listed twice, each
 * connection possible through the API, each skill made as its endpoint makes it) and compiles the data into
 * a seed. Every problem is reported, each naming its field; a seed comes back only when there is none.
 */
export function compileSeed(data: MockData, options: CompileOptions = {}): Compiled {
  const errors: FieldError[] = [];
  const refuse = (field: string, message: string) => errors.push({ field, message });
  const orgIds = listed(data.orgs.map((org, i) => [org.id, `orgs[${i}].id`]), 'org', refuse);
  const knownOrg = (org: string, field: string): boolean => {
    if (orgIds.has(org)) return true;
    refuse(field, `names the org "${org}", which orgs does not list`);
    return false;
  };

  listed(data.agents.map((agent, i) => [agent.id, `agents[${i}].id`]), 'agent', refuse);
  data.agents.forEach((agent, i) => knownOrg(agent.org, `agents[${i}].org`));
  const keys = data.keys.map((key, i) => {
    knownOrg(key.org, `keys[${i}].org`);
    const name = keyName(key, i);
    return { token: wholeToken(key.token, name, `keys[${i}].token`, options, refuse), name, orgId: key.org, scopes: [...new Set(key.scopes)] };
  });
  listed(keys.map((key, i) => [key.name, `keys[${i}].name`]), 'key name', refuse);
  const tokens = new Map<string, string>();
  keys.forEach((key, i) => {
    const first = tokens.get(key.token);
    // Never quoted: a token is a secret, and this message may be an HTTP answer.
    if (first) refuse(`keys[${i}].token`, `repeats the token of ${first}`);
    else tokens.set(key.token, `keys[${i}].token`);
  });

  const connections: SeedConnection[] = [];
  for (const [orgId, list] of Object.entries(data.connections ?? {})) {
    if (!knownOrg(orgId, `connections.${orgId}`)) continue;
    const kinds = new Map<IntegrationKind, string>();
    list.forEach((connection, i) => {
      const where = `connections.${orgId}[${i}]`;
      const first = kinds.get(connection.kind);
      if (first) refuse(`${where}.kind`, `repeats ${connection.kind} of ${first}: an org has one connection per kind`);
      else kinds.set(connection.kind, where);
      connections.push(compileConnection(orgId, connection, where, refuse));
    });
  }

  const byOrgAndKind = new Map<string, Map<IntegrationKind, SeedConnection>>();
  for (const connection of connections) {
    const ofOrg = byOrgAndKind.get(connection.orgId) ?? new Map<IntegrationKind, SeedConnection>();
    ofOrg.set(connection.kind, connection);
    byOrgAndKind.set(connection.orgId, ofOrg);
  }
  const skills = compileSkills(data.skills ?? {}, {
    agents: new Map(data.agents.map((agent) => [agent.id, agent.org])),
    connection: (orgId, kind) => byOrgAndKind.get(orgId)?.get(kind),
    errors,
  });
  if (errors.length) return { errors };
  const agents = data.agents.map((agent) => ({ id: agent.id, orgId: agent.org, name: agent.name ?? agent.id }));
  return { seed: { orgs: data.orgs.map((org) => ({ id: org.id, name: org.name })), agents, keys, connections, skills } };
}

/** The ids as a set; each id listed a second time is refused, naming where it first was. */
function listed(entries: ReadonlyArray<readonly [string, string]>, what: string, refuse: (field: string, message: string) => void): Set<string> {
  const first = new Map<string, string>();
  for (const [id, field] of entries) {
    const earlier = first.get(id);
    if (earlier) refuse(field, `repeats the ${what} "${id}" of ${earlier}`);
    else first.set(id, field);
  }
  return new Set(first.keys());
}

function wholeToken(token: string, name: string, field: string, options: CompileOptions, refuse: (field: string, message: string) => void): string {
  if (!token.includes('…')) return token;
  if (!options.resolveToken) {
    refuse(field, 'is redacted (as GET /__mock/state shows it): a data file needs the whole token');
    return token;
  }
  const whole = options.resolveToken(name, token);
  if (whole === undefined) refuse(field, `is redacted, and no current key named "${name}" ends that way: give the whole token`);
  return whole ?? token;
}

/** A connection as the API could have left it: pending only while an OAuth approval waits, discovered only once connected. */
function compileConnection(orgId: string, connection: DataConnection, where: string, refuse: (field: string, message: string) => void): SeedConnection {
  const { kind } = connection;
  const { authType } = PROVIDERS[kind];
  const status = connection.status ?? 'connected';
  const discovered = connection.discovered ?? typeof connection.discoveredAt === 'string';
  if (connection.authType !== undefined && connection.authType !== authType) refuse(`${where}.authType`, `must be ${authType} for ${kind}`);
  if (status === 'pending' && authType !== 'oauth2') refuse(`${where}.status`, `must be connected: only an OAuth kind waits for an approval, and ${kind} is ${authType}`);
  if (connection.discovered === false && typeof connection.discoveredAt === 'string') refuse(`${where}.discoveredAt`, 'must be null when discovered is false');
  if (status === 'pending' && discovered) refuse(`${where}.${connection.discovered ? 'discovered' : 'discoveredAt'}`, 'cannot be set while the connection is pending: discovery needs it connected');
  if (status === 'pending' && typeof connection.connectedAt === 'string') refuse(`${where}.connectedAt`, 'must be null while the connection is pending');
  if (status === 'connected' && connection.connectedAt === null) refuse(`${where}.connectedAt`, 'must be a time once the connection is connected');
  if (connection.credentials && authType === 'oauth2') refuse(`${where}.credentials`, 'must be null: an OAuth connection keeps no credentials');
  return {
    orgId,
    kind,
    authType,
    status,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    connectedAt: status === 'pending' ? null : (connection.connectedAt ?? undefined),
    discovered,
    discoveredAt: connection.discoveredAt ?? undefined,
    credentials: connection.credentials ? { fields: [...connection.credentials.fields].sort() } : null,
    scoping: applyScopingUpdate(emptyScoping(), connection.scoping ?? {}),
  };
}

/** One line for a tool error: the first problem, and how many more there are. */
export function summarizeErrors(errors: readonly FieldError[]): string {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${first?.field} ${first?.message}${more}`;
}
