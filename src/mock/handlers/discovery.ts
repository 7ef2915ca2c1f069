import type { DiscoveredSchema } from '../discovered-schema.js';
import { problem } from '../problems.js';
import { discoverProviderSchema } from '../provider-schemas.js';
import { visibleSchema } from '../scoping.js';
import { ok, requireConnection, requireDiscovery, type Handler } from './handler.js';

function counts(schema: DiscoveredSchema) {
  return {
    objectCount: schema.objects.length,
    fieldCount: schema.objects.reduce((sum, table) => sum + table.fields.length, 0),
    edgeCount: schema.objects.reduce((sum, table) => sum + table.relationships.length, 0),
    operationCount: schema.operations.length,
  };
}

/** Introspects the provider (a built-in schema per kind); re-running refreshes it. */
export const discoverIntegration: Handler = (context) => {
  const connection = requireConnection(context);
  if ('code' in connection) return connection;
  if (connection.status !== 'connected') {
    return problem('connection_pending', `${connection.kind} is waiting for its OAuth approval; discover after it is connected.`);
  }
  connection.discovery = { schema: discoverProviderSchema(connection.kind), discoveredAt: context.now };
  connection.updatedAt = context.now;
  // Counted as the schema browser shows it, so that blocked tables and columns are not even counted.
  const visible = visibleSchema(connection.discovery.schema, connection.scoping);
  return ok({ kind: connection.kind, ...counts(visible), discoveredAt: context.now });
};

export const getIntegrationSchema: Handler = (context) => {
  const connection = requireDiscovery(context);
  if ('code' in connection) return connection;
  const { schema, discoveredAt } = connection.discovery;
  return ok({ kind: connection.kind, discoveredAt, ...visibleSchema(schema, connection.scoping) });
};

/** Cursors are opaque to clients; here they carry the offset of the next page. */
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

export const listIntegrationObjects: Handler = (context) => {
  const connection = requireDiscovery(context);
  if ('code' in connection) return connection;
  const { q, limit, cursor } = context.query as { q?: string; limit: number; cursor?: string };
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === undefined) {
    return problem('validation_error', 'cursor is not one this API returned.', {
      errors: [{ field: 'cursor', message: 'is not a cursor this API returned' }],
    });
  }
  const schema = visibleSchema(connection.discovery.schema, connection.scoping);
  const needle = q?.toLowerCase();
  const matching = schema.objects
    .filter((table) => !needle || table.name.toLowerCase().includes(needle) || table.label.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name));
  const page = matching.slice(offset, offset + limit).map((table) => ({
    name: table.name,
    label: table.label,
    capabilities: table.capabilities,
    fieldCount: table.fields.length,
    relationshipCount: table.relationships.length,
    operationCount: schema.operations.filter((op) => op.object === table.name).length,
  }));
  const hasMore = offset + limit < matching.length;
  return { status: 200, body: { success: true, data: page, nextCursor: hasMore ? encodeCursor(offset + limit) : null, hasMore } };
};
