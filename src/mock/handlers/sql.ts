import { problem } from '../problems.js';
import { simulateSqlTest, type SqlDescriptor } from '../sql-checks.js';
import { buildSqlScripts } from '../sql-scripts.js';
import type { IntegrationKind } from '../types.js';
import { ok, type Handler } from './handler.js';

function sqlDialect(kind: IntegrationKind): 'postgres' | 'mysql' | undefined {
  return kind === 'postgres' || kind === 'mysql' ? kind : undefined;
}

const noSqlEndpoint = (kind: IntegrationKind) =>
  problem('no_sql_endpoint', `${kind} is not a SQL database: only postgres and mysql have SQL endpoints.`);

/** Always 200 with the ordered checks; stores nothing (the body was validated against the contract). */
export const testSqlConnection: Handler = (context) => {
  if (!sqlDialect(context.params.kind)) return noSqlEndpoint(context.params.kind);
  const { credentials } = context.body as { credentials: SqlDescriptor };
  return ok(simulateSqlTest(credentials));
};

export const getSqlScripts: Handler = (context) => {
  const dialect = sqlDialect(context.params.kind);
  if (!dialect) return noSqlEndpoint(context.params.kind);
  const database = context.query.database as string;
  const tables = typeof context.query.tables === 'string' ? [...new Set(context.query.tables.split(','))] : [];
  return ok(buildSqlScripts(dialect, database, tables));
};
