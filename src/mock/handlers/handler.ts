import { problem, type Problem } from '../problems.js';
import type { ApiKey, Connection, Store } from '../store.js';
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
