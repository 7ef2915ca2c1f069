import { BindingFindings, type BindingVerdict } from './binding-findings.js';
import type { DiscoveredSchema, SchemaObject, SchemaOperation } from './discovered-schema.js';
import { isColumnBlocked, isTableBlocked, type Scoping } from './scoping.js';
import { checkSqlSearch, checkUpdateKey, foundByKey } from './sql-binding-rules.js';

export type { BindingVerdict, ValidBinding } from './binding-findings.js';

/** The binding body, already valid against the contract's `BindingRequest` schema. */
export interface BindingRequest {
  toolName: string;
  operation: string;
  description?: string;
  isWrite?: boolean;
  enabled?: boolean;
  inputs?: Array<{ param: string; argument: string }>;
  inputObjectMap?: Array<{ field: string; param?: string; const?: string | number | boolean }>;
  projection?: Array<{ path: string[]; leaf: string }>;
  sqlSearch?: { column: string; param: string };
  keyColumn?: string;
  keyParam?: string;
}

/**
 * Checks a binding against the full discovered schema and the connection's scoping. A name that does not
 * exist is `invalid`; one that exists but is blocked is `blocked`, with the blocked `table.column` named.
 * `touched` lists every `table.column` the skill may read or write. `sql` is a postgres or mysql binding.
 */
export function validateBinding(schema: DiscoveredSchema, scoping: Scoping, request: BindingRequest, sql: boolean): BindingVerdict {
  const operation = schema.operations.find((op) => op.name === request.operation);
  const object = schema.objects.find((table) => table.name === operation?.object);
  if (!operation || !object) {
    return { kind: 'invalid', errors: [{ field: 'operation', message: `no operation "${request.operation}" in the discovered schema` }] };
  }
  if (isTableBlocked(scoping, object.name)) {
    return { kind: 'blocked', errors: [{ field: 'operation', message: `table ${object.name} is blocked by the connection's data scoping` }] };
  }
  const findings = new BindingFindings(scoping);
  // An operation that needs a blocked column is hidden by scoping: binding it must fail like binding the column.
  for (const argument of operation.arguments.filter((arg) => arg.required && isColumnBlocked(scoping, object.name, arg.field))) {
    findings.block('operation', object.name, argument.field);
  }
  const isWrite = request.isWrite === true;
  if (isWrite !== (operation.type === 'write')) {
    findings.refuse('isWrite', `${operation.name} is a ${operation.type}: set isWrite to ${!isWrite}`);
  }
  checkInputs(findings, request, operation, object, sql);
  checkSqlSearch(findings, request, operation, object, sql);
  checkUpdateKey(findings, request, operation, object, sql);
  if (operation.type === 'write') checkInputObjectMap(findings, request, operation, object, sql);
  checkProjection(findings, schema, scoping, request, operation, object);
  return findings.verdict(operation, object);
}

/** A read's filters: each input an argument of the operation, every required argument bound. */
function checkInputs(findings: BindingFindings, request: BindingRequest, operation: SchemaOperation, object: SchemaObject, sql: boolean): void {
  request.inputs?.forEach((input, i) => {
    const argument = operation.arguments.find((arg) => arg.name === input.argument);
    if (!argument) findings.refuse(`inputs[${i}].argument`, `${operation.name} has no argument "${input.argument}"`);
    else findings.column(object, argument.field, `inputs[${i}].argument`);
  });
  if (operation.type !== 'read') return;
  // With sqlSearch the one filter is sqlSearch (its own rules say so when inputs come too).
  const search = sql ? request.sqlSearch : undefined;
  if (sql && !search && (request.inputs?.length ?? 0) !== 1) {
    findings.refuse('inputs', 'a SQL read takes exactly one filter on an indexed column: sqlSearch, or one input');
  }
  const given = new Set(request.inputs?.map((input) => input.argument));
  for (const argument of operation.arguments) if (search && argument.field === search.column) given.add(argument.name);
  for (const argument of operation.arguments.filter((arg) => arg.required && !given.has(arg.name))) {
    findings.refuse('inputs', `the required argument "${argument.name}" is not bound`);
  }
}

/** A write's fields: each written once from a param or a const, no PII column, every required field bound. */
function checkInputObjectMap(findings: BindingFindings, request: BindingRequest, operation: SchemaOperation, object: SchemaObject, sql: boolean): void {
  const bound = new Set<string>();
  request.inputObjectMap?.forEach((entry, i) => {
    const where = `inputObjectMap[${i}]`;
    if ((entry.param === undefined) === (entry.const === undefined)) {
      findings.refuse(where, 'bind either a param or a const, exactly one');
    }
    const argument = operation.arguments.find((arg) => arg.field === entry.field);
    if (!argument) {
      findings.refuse(`${where}.field`, `${operation.name} does not write "${entry.field}"`);
      return;
    }
    const column = findings.column(object, argument.field, `${where}.field`);
    if (column?.piiClass) {
      findings.refuse(`${where}.field`, `${object.name}.${column.name} holds ${column.piiClass} (sensitive PII), which a write may not take`);
    }
    bound.add(argument.name);
  });
  // An update by keyColumn finds its row by that column, so the primary key it would otherwise need is not bound.
  const key = foundByKey(request, operation, sql) ? object.fields.find((f) => f.primaryKey)?.name : undefined;
  for (const argument of operation.arguments.filter((arg) => arg.required && !bound.has(arg.name) && arg.field !== key)) {
    findings.refuse('inputObjectMap', `the required field "${argument.field}" is not bound`);
  }
}

/** What the skill returns: a field of the operation's object, or one hop along a relationship. */
function checkProjection(
  findings: BindingFindings,
  schema: DiscoveredSchema,
  scoping: Scoping,
  request: BindingRequest,
  operation: SchemaOperation,
  object: SchemaObject,
): void {
  request.projection?.forEach((projection, i) => {
    const where = `projection[${i}].path`;
    const [head, next] = projection.path as [string, string | undefined];
    if (next === undefined) {
      const column = findings.column(object, head, where);
      if (column && operation.type === 'write' && !column.primaryKey) findings.refuse(where, 'a write may project only the created id');
      return;
    }
    const relationship = object.relationships.find((r) => r.field === head);
    const target = schema.objects.find((table) => table.name === relationship?.target);
    if (!relationship || !target) findings.refuse(where, `${object.name}.${head} is not a relationship`);
    else if (isTableBlocked(scoping, target.name)) findings.block(where, target.name);
    else {
      findings.column(object, head, where);
      findings.column(target, next, where);
    }
  });
}
