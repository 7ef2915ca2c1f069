import type { DiscoveredSchema } from '../discovered-schema.js';
import { paginate } from '../paginate.js';
import { isProblem, problem } from '../problems.js';
import { discoverProviderSchema } from '../provider-schemas.js';
import { visibleSchema } from '../scoping.js';
import { ok, pageQuery, pageResult, requireConnection, requireDiscovery, type Handler } from './handler.js';

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

export const listIntegrationObjects: Handler = (context) => {
  const connection = requireDiscovery(context);
  if ('code' in connection) return connection;
  const { q } = context.query as { q?: string };
  const schema = visibleSchema(connection.discovery.schema, connection.scoping);
  const needle = q?.toLowerCase();
  const matching = schema.objects.filter((table) => !needle || table.name.toLowerCase().includes(needle) || table.label.toLowerCase().includes(needle));
  const page = paginate(`objects:${context.orgId}:${connection.kind}`, matching, (table) => table.name, pageQuery(context));
  if (isProblem(page)) return page;
  const data = page.data.map((table) => ({
    name: table.name,
    label: table.label,
    capabilities: table.capabilities,
    fieldCount: table.fields.length,
    relationshipCount: table.relationships.length,
    operationCount: schema.operations.filter((op) => op.object === table.name).length,
  }));
  return pageResult({ ...page, data });
};
