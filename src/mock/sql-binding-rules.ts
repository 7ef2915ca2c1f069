import type { BindingFindings } from './binding-findings.js';
import type { BindingRequest } from './binding-validation.js';
import { isUpdateOperation, type SchemaObject, type SchemaOperation } from './discovered-schema.js';

// The docs' rules for SQL bindings: a postgres or mysql read takes "exactly ONE filter on a LEADING-INDEX
// column … use sqlSearch for postgres/mysql reads"; a write is "an UPDATE-by-unique-key (set
// keyColumn+keyParam)". Each refusal names the request field that is wrong.

/** `sqlSearch`: only on a postgres or mysql read, on an indexed column of its table, and then without `inputs`. */
export function checkSqlSearch(findings: BindingFindings, request: BindingRequest, operation: SchemaOperation, object: SchemaObject, sql: boolean): void {
  const search = request.sqlSearch;
  if (!search) return;
  if (!sql) return findings.refuse('sqlSearch', 'only a postgres or mysql read takes sqlSearch');
  if (operation.type !== 'read') return findings.refuse('sqlSearch', `${operation.name} is a write: only a read takes sqlSearch`);
  const column = findings.column(object, search.column, 'sqlSearch.column');
  if (column && !column.indexed) {
    findings.refuse('sqlSearch.column', `${object.name}.${column.name} is not a leading-index column, which a SQL read filters on`);
  }
  if (request.inputs?.length) findings.refuse('inputs', 'with sqlSearch, sqlSearch is the one filter: leave inputs empty');
}

/**
 * `keyColumn` and `keyParam`: only together, only on a postgres or mysql update, and the column the primary
 * key or a unique one. A partner left out is named as the missing field.
 */
export function checkUpdateKey(findings: BindingFindings, request: BindingRequest, operation: SchemaOperation, object: SchemaObject, sql: boolean): void {
  const { keyColumn, keyParam } = request;
  if (keyColumn === undefined && keyParam === undefined) return;
  const given = keyColumn !== undefined ? 'keyColumn' : 'keyParam';
  if (!sql) return findings.refuse(given, `only a postgres or mysql update takes ${given}`);
  if (!isUpdateOperation(operation)) return findings.refuse(given, `${operation.name} is not an update: only an update finds its row by keyColumn`);
  if (keyColumn === undefined) return findings.refuse('keyColumn', 'keyParam needs keyColumn, the column the row is found by');
  if (keyParam === undefined) findings.refuse('keyParam', 'keyColumn needs keyParam, the parameter its value comes from');
  const column = findings.column(object, keyColumn, 'keyColumn');
  if (column && !column.primaryKey && !column.unique) {
    findings.refuse('keyColumn', `${object.name}.${column.name} is neither the primary key nor a unique column, so it may match several rows`);
  }
}

/**
 * Whether the write means to find its row by `keyColumn` (rather than by binding the primary key in
 * `inputObjectMap`): either half of the pair says so, and a missing half is refused on its own.
 */
export function foundByKey(request: BindingRequest, operation: SchemaOperation, sql: boolean): boolean {
  return sql && (request.keyColumn !== undefined || request.keyParam !== undefined) && isUpdateOperation(operation);
}
