import { DEFAULT_PAGE_LIMIT, type Page, type PageQuery } from '../paginate.js';
import { isProblem, problem, type Problem } from '../problems.js';
import type { Agent, ApiKey, Connection, Store } from '../store.js';
import type { IntegrationKind } from '../types.js';

/** Everything an operation handler may read: validated input, the caller's org and the store. */
export interface HandlerContext {
  readonly store: Store;
  readonly orgId: string;
  readonly key: ApiKey;
  /** Path parameters, validated against the contract (so `kind` is one of the enum's values). */
  readonly params: { readonly kind: IntegrationKind; readonly agentId: string };
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The mock's own origin as the client reached it, for absolute URLs such as `oauthUrl`. */
  readonly origin: string;
  readonly now: string;
}

export interface Success {
  readonly status: number;
  readonly body: unknown;
}

export type HandlerResult = Success | Problem;
export type Handler = (context: HandlerContext) => HandlerResult;

/** A success in the `ApiResponse` envelope. */
export function ok(data: unknown, status = 200): Success {
  return { status, body: { success: true, data } };
}

/**
 * `limit` and `cursor`, which the core validated against `PageLimit` and `PageCursor` and defaulted. A list
 * whose spec (`--spec`) declares no page parameters still answers pages, of the contract's default size.
 */
export function pageQuery(context: HandlerContext): PageQuery {
  const { limit, cursor } = context.query;
  return { limit: typeof limit === 'number' ? limit : DEFAULT_PAGE_LIMIT, ...(typeof cursor === 'string' ? { cursor } : {}) };
}

/** A page of a list (`PaginatedResponse<T>`), or the problem paginating it found. */
export function pageResult<T>(page: Page<T> | Problem): HandlerResult {
  return isProblem(page) ? page : { status: 200, body: page };
}

/** The path's agent when it is the caller organization's; another org's agent is as absent as a missing one. */
export function requireAgent(context: HandlerContext): Agent | Problem {
  return context.store.agentOf(context.orgId, context.params.agentId) ?? problem('agent_not_found', `No agent ${context.params.agentId} in this organization.`);
}

/** The caller's connection of the path's kind, or the 404 that hides whether another org has one. */
export function requireConnection(context: HandlerContext): Connection | Problem {
  const connection = context.store.connection(context.orgId, context.params.kind);
  return connection ?? problem('integration_not_connected', `${context.params.kind} is not connected for this organization.`);
}

export type DiscoveredConnection = Connection & { discovery: NonNullable<Connection['discovery']> };

/** The caller's discovered connection, or the 404 the objects endpoint documents before discovery. */
export function requireDiscovery(context: HandlerContext): DiscoveredConnection | Problem {
  const connection = requireConnection(context);
  if ('code' in connection) return connection;
  if (!connection.discovery) {
    return problem('schema_not_discovered', `${context.params.kind} has not been discovered yet: POST /integrations/${context.params.kind}/discover first.`);
  }
  return connection as DiscoveredConnection;
}

/** The discovered connection a binding needs; anything short of it is the 409 the bindings endpoint documents. */
export function requireBindable(context: HandlerContext): DiscoveredConnection | Problem {
  const connection = requireDiscovery(context);
  if (!('code' in connection)) return connection;
  return problem('integration_not_ready', `Connect and discover ${context.params.kind} before binding it: ${connection.detail}`);
}

/**
 * The caller's connected connection of the path's kind, or 409 `provider_not_connected` (what provision and
 * pack install document). A pending OAuth authorization is not connected; a reserved kind never is.
 */
export function requireConnected(context: HandlerContext): Connection | Problem {
  const { kind } = context.params;
  const connection = context.store.connection(context.orgId, kind);
  if (connection?.status === 'connected') return connection;
  const detail = connection ? `${kind} is waiting for its OAuth approval: approve it first.` : `${kind} is not connected for this organization.`;
  return problem('provider_not_connected', detail);
}
