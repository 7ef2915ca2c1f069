import type { OutgoingRequest } from '../contract/target-client.js';
import type { RequestGate } from '../mock/request-gate.js';
import type { ApiScope } from './api-scope.js';
import { credentialsSchemaOf, fillRedactedCredentials } from './credential-filler.js';
import type { AgentMap } from './replay-agents.js';
import type { KeyMap, KeyMapping } from './replay-keys.js';
import { pairedMembers } from './replay-paired-members.js';
import { jsonOrUndefined } from '../json-or-undefined.js';

/** One request of a recording and the answer it got, as replay reads them. */
export interface RecordedExchange {
  /** The entry's index in the HAR's `log.entries`. */
  readonly entry: number;
  readonly method: string;
  /** As recorded: absolute (HAR 1.2), or a path and query. */
  readonly url: string;
  /** Names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (a base64 one decoded), when there was one. */
  readonly body?: string;
  /** A body was sent but the recording left it out: the request cannot be sent again as it was. */
  readonly bodyNotRecorded?: boolean;
  /** Undefined when no answer came (a blocked, cancelled or refused request). */
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    /** Undefined when the recording holds no body text (a tool may leave it out). */
    readonly text?: string;
  };
}

/** What a recorded exchange becomes: a request to send, not one of the API's, or one that cannot be sent. */
export type ReplayPlan =
  | { readonly kind: 'send'; readonly request: OutgoingRequest; readonly key: KeyMapping; readonly operationId?: string; readonly filledCredentials: readonly string[] }
  | { readonly kind: 'outside_api' }
  | { readonly kind: 'not_replayed'; readonly key: KeyMapping; readonly operationId?: string; readonly reason: string };

/**
 * The headers a replay carries over. The answer's shape depends on the method, path, query, body and key, and on
 * these; the rest (cookies, a browser's `sec-*`, HTTP/2 pseudo-headers, `host`, lengths) belong to the recording's
 * own connection and would mislead or break the target.
 */
const KEPT_HEADERS = ['accept', 'accept-language', 'content-type', 'prefer'];

/** Which entries are the API's, and how the recording's identities become the target's: keys, agents, cursors. */
export interface ReplayMapping {
  readonly gate: RequestGate;
  /** The entries under the contract's base path on any origin, or under `--base-url`. */
  readonly scope: ApiScope;
  readonly keys: KeyMap;
  readonly agents: AgentMap;
  readonly cursors: CursorMap;
}

/** The request to send in place of a recorded one: the target's key and agent, valid credentials, known cursors. */
export function planReplay(recorded: RecordedExchange, mapping: ReplayMapping): ReplayPlan {
  const url = new URL(recorded.url, 'http://recording.invalid');
  const method = recorded.method.toUpperCase();
  const { gate } = mapping;
  const location = mapping.scope.locate(url);
  const preflight = method === 'OPTIONS' && recorded.headers['access-control-request-method'] !== undefined;
  if (!location || preflight) return { kind: 'outside_api' };
  const route = gate.route(method, gate.read({ method, url: location.path, headers: {} }).path);
  const operation = route.kind === 'operation' ? route.operation : undefined;
  const operationId = operation ? { operationId: operation.operationId } : {};
  const key = mapping.keys.map(recorded.headers.authorization);
  if (key.kind === 'unmapped') return { kind: 'not_replayed', key, ...operationId, reason: `key ${key.fingerprint} has no mapping` };
  if (!recorded.response) return { kind: 'not_replayed', key, ...operationId, reason: 'the recording holds no answer to compare with (blocked, cancelled or refused)' };
  if (recorded.bodyNotRecorded) return { kind: 'not_replayed', key, ...operationId, reason: 'the recording left out its request body' };

  // The path below the base URL, as the target client takes it (the query is added back below).
  const segments = location.belowBase.slice(0, location.belowBase.length - url.search.length).split('/');
  if (route.kind === 'operation' && route.params.agentId !== undefined) {
    const agent = mapping.agents.map(route.params.agentId, key, recorded.response.status);
    if ('reason' in agent) return { kind: 'not_replayed', key, ...operationId, reason: agent.reason };
    const at = segments.indexOf('agents');
    if (at !== -1 && at + 1 < segments.length) segments[at + 1] = encodeURIComponent(agent.agent);
  }
  const cursor = url.searchParams.get('cursor');
  const mappedCursor = cursor === null ? undefined : mapping.cursors.get(cursor);
  if (mappedCursor !== undefined) url.searchParams.set('cursor', mappedCursor);

  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) if (recorded.headers[name] !== undefined && name !== 'content-type') headers[name] = recorded.headers[name]!;
  let body = recorded.body;
  let filledCredentials: string[] = [];
  const contentType = recorded.headers['content-type'];
  if (body !== undefined && operation && /json/i.test(contentType ?? '')) {
    const parsed = jsonOrUndefined(body);
    if (parsed !== undefined) {
      const filled = fillRedactedCredentials(parsed, credentialsSchemaOf(operation, route.kind === 'operation' ? route.params : {}));
      if (filled.filled.length) body = JSON.stringify(filled.body);
      filledCredentials = filled.filled;
    }
  }
  const request: OutgoingRequest = {
    operationId: operation?.operationId ?? '(no operation)',
    method,
    path: segments.join('/') + url.search,
    ...(key.kind === 'mapped' ? { authorization: `Bearer ${key.key.token}`, keyName: key.key.name } : {}),
    ...(body !== undefined && body !== '' ? { raw: { body, contentType: contentType || 'application/octet-stream' } } : {}),
    headers,
  };
  return { kind: 'send', request, key, ...operationId, filledCredentials };
}

/**
 * The cursors a recording was given, each mapped to the one the target gave in the same place: a later recorded
 * request for the next page then asks the target for its own next page, which it knows, rather than for a cursor
 * it never returned.
 */
export class CursorMap {
  private readonly cursors = new Map<string, string>();

  get(recorded: string): string | undefined {
    return this.cursors.get(recorded);
  }

  /** Learns every `nextCursor` the two answers hold at the same place. */
  learn(recorded: unknown, replayed: unknown): void {
    for (const [mine, theirs] of pairedMembers(recorded, replayed, 'nextCursor')) this.cursors.set(mine, theirs);
  }
}
