import type { DiscoveredSchema, SchemaObject } from './discovered-schema.js';

/** A connection's blocks. A Map keeps client-chosen table names (even `__proto__`) away from prototypes. */
export interface Scoping {
  blockedTables: string[];
  blockedColumns: Map<string, string[]>;
}

export function emptyScoping(): Scoping {
  return { blockedTables: [], blockedColumns: new Map() };
}

/**
 * Applies a PATCH: each key present replaces the blocks of its kind, a key left out keeps them, and empty
 * lists clear. Duplicates are dropped and a table given no columns keeps no entry.
 */
export function applyScopingUpdate(
  current: Scoping,
  update: { blockedTables?: string[]; blockedColumns?: Record<string, string[]> },
): Scoping {
  const blockedTables = update.blockedTables ? [...new Set(update.blockedTables)] : current.blockedTables;
  const blockedColumns = update.blockedColumns
    ? new Map(
        Object.entries(update.blockedColumns)
          .map(([table, columns]): [string, string[]] => [table, [...new Set(columns)]])
          .filter(([, columns]) => columns.length > 0),
      )
    : current.blockedColumns;
  return { blockedTables, blockedColumns };
}

/** The scoping as the API returns it. */
export function scopingBody(scoping: Scoping): { blockedTables: string[]; blockedColumns: Record<string, string[]> } {
  return { blockedTables: [...scoping.blockedTables], blockedColumns: Object.fromEntries(scoping.blockedColumns) };
}

export function isTableBlocked(scoping: Scoping, table: string): boolean {
  return scoping.blockedTables.includes(table);
}

export function isColumnBlocked(scoping: Scoping, table: string, column: string): boolean {
  return isTableBlocked(scoping, table) || (scoping.blockedColumns.get(table)?.includes(column) ?? false);
}

/**
 * The schema an agent may see: blocked tables vanish with their relationships and operations, blocked
 * columns vanish from fields, and relationships or operation arguments on them go too (an operation
 * whose required argument is blocked cannot run, so it vanishes).
 */
export function visibleSchema(schema: DiscoveredSchema, scoping: Scoping): DiscoveredSchema {
  // Sets, so that a long block list costs one lookup per field rather than a scan.
  const tables = new Set(scoping.blockedTables);
  const columns = new Map([...scoping.blockedColumns].map(([table, list]) => [table, new Set(list)]));
  const tableBlocked = (table: string) => tables.has(table);
  const columnBlocked = (table: string, column: string) => tables.has(table) || (columns.get(table)?.has(column) ?? false);
  const objects = schema.objects
    .filter((table) => !tableBlocked(table.name))
    .map(
      (table): SchemaObject => ({
        ...table,
        fields: table.fields.filter((f) => !columnBlocked(table.name, f.name)),
        relationships: table.relationships.filter((r) => !columnBlocked(table.name, r.field) && !columnBlocked(r.target, r.targetField)),
      }),
    );
  const operations = schema.operations
    .filter((op) => !tableBlocked(op.object))
    .filter((op) => !op.arguments.some((arg) => arg.required && columnBlocked(op.object, arg.field)))
    .map((op) => ({ ...op, arguments: op.arguments.filter((arg) => !columnBlocked(op.object, arg.field)) }));
  return { objects, operations };
}

export function countBlockedColumns(scoping: Scoping): number {
  let count = 0;
  for (const columns of scoping.blockedColumns.values()) count += columns.length;
  return count;
}
