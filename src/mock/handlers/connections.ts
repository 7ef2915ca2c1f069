import { paginate } from '../paginate.js';
import { countBlockedColumns } from '../scoping.js';
import type { Connection } from '../store.js';
import { ok, pageQuery, pageResult, requireConnection, type Handler } from './handler.js';

/** A connection as the API lists it: status and timestamps, never a credential. */
function connectionBody(connection: Connection) {
  return {
    kind: connection.kind,
    status: connection.status,
    authType: connection.authType,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    connectedAt: connection.connectedAt,
    discoveredAt: connection.discovery?.discoveredAt ?? null,
    scoping: {
      blockedTableCount: connection.scoping.blockedTables.length,
      blockedColumnCount: countBlockedColumns(connection.scoping),
    },
  };
}

/** In kind order: a connection made or removed between two pages leaves the others where they were. */
export const listIntegrations: Handler = (context) => {
  const connections = [...context.store.connectionsOf(context.orgId).values()].map(connectionBody);
  return pageResult(paginate(`connections:${context.orgId}`, connections, (connection) => connection.kind, pageQuery(context)));
};

export const disconnectIntegration: Handler = (context) => {
  const connection = requireConnection(context);
  if ('code' in connection) return connection;
  // The connection carries its credentials, discovered schema and scoping: all go with it.
  context.store.connectionsOf(context.orgId).delete(connection.kind);
  context.store.dropConsents(context.orgId, connection.kind);
  return ok(null);
};
