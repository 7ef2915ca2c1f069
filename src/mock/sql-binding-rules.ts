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
 * `keyColumn` and `keyParam`: required together on a postgres or mysql update, refused elsewhere; the column
 * the primary key or a unique one, and no personal-data column. A partner left out is named as the missing field.
 */
export function checkUpdateKey(findings: BindingFindings, request: BindingRequest, operation: SchemaOperation, object: SchemaObject, sql: boolean): void {
  const { keyColumn, keyParam } = request;
  if (keyColumn === undefined && keyParam === undefined) {
    // "an UPDATE-by-unique-key (set keyColumn+keyParam)": a SQL update names its key, not only its primary key's value.
    if (sql && isUpdateOperation(operation)) findings.refuse('keyColumn', `${operation.name} is a SQL update: set keyColumn and keyParam, the unique key its row is found by`);
    return;
  }
  const given = keyColumn !== undefined ? 'keyColumn' : 'keyParam';
  if (!sql) return findings.refuse(given, `only a postgres or mysql update takes ${given}`);
  if (!isUpdateOperation(operation)) return findings.refuse(given, `${operation.name} is not an update: only an update finds its row by keyColumn`);
  if (keyColumn === undefined) return findings.refuse('keyColumn', 'keyParam needs keyColumn, the column the row is found by');
  if (keyParam === undefined) findings.refuse('keyParam', 'keyColumn needs keyParam, the parameter its value comes from');
  const column = findings.column(object, keyColumn, 'keyColumn');
  if (column && !column.primaryKey && !column.unique) {
    findings.refuse('keyColumn', `${object.name}.${column.name} is neither the primary key nor a unique column, so it may match several rows`);
  } else if (column?.piiClass) {
    // "PII-classed columns are rejected" in a SQL write, the key it writes by included.
    findings.refuse('keyColumn', `${object.name}.${column.name} holds personal data (${column.piiClass}), which a SQL write may not use`);
  }
}

/**
 * Whether the write means to find its row by `keyColumn` (rather than by binding the primary key in
 * `inputObjectMap`): either half of the pair says so, and a missing half is refused on its own.
 */
export function foundByKey(request: BindingRequest, operation: SchemaOperation, sql: boolean): boolean {
  return sql && (request.keyColumn !== undefined || request.keyParam !== undefined) && isUpdateOperation(operation);
}
