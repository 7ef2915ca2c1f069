import { applyScopingUpdate, scopingBody } from '../scoping.js';
import { ok, requireConnection, type Handler } from './handler.js';

export const getIntegrationScoping: Handler = (context) => {
  const connection = requireConnection(context);
  if ('code' in connection) return connection;
  return ok(scopingBody(connection.scoping));
};

export const setIntegrationScoping: Handler = (context) => {
  const connection = requireConnection(context);
  if ('code' in connection) return connection;
  const update = (context.body ?? {}) as { blockedTables?: string[]; blockedColumns?: Record<string, string[]> };
  connection.scoping = applyScopingUpdate(connection.scoping, update);
  connection.updatedAt = context.now;
  return ok(scopingBody(connection.scoping));
};
