import type { FieldError } from '../validation/field-errors.js';
import type { DiscoveredSchema, SchemaField, SchemaObject, SchemaOperation } from './discovered-schema.js';
import { isColumnBlocked, isTableBlocked, type Scoping } from './scoping.js';

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
}

export type BindingVerdict =
  | { kind: 'valid'; operation: SchemaOperation; object: SchemaObject; touched: string[] }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'blocked'; errors: FieldError[] };

/**
 * Checks a binding against the full discovered schema and the connection's scoping. A name that does not
 * exist is `invalid`; one that exists but is blocked is `blocked`, with the blocked `table.column` named.
 * `touched` lists every `table.column` the skill may read or write.
 */
export function validateBinding(schema: DiscoveredSchema, scoping: Scoping, request: BindingRequest, sql: boolean): BindingVerdict {
  const invalid: FieldError[] = [];
  const blocked: FieldError[] = [];
  const touched = new Set<string>();
  const operation = schema.operations.find((op) => op.name === request.operation);
  const object = schema.objects.find((table) => table.name === operation?.object);
  if (!operation || !object) {
    return { kind: 'invalid', errors: [{ field: 'operation', message: `no operation "${request.operation}" in the discovered schema` }] };
  }
  if (isTableBlocked(scoping, object.name)) {
    return { kind: 'blocked', errors: [{ field: 'operation', message: `table ${object.name} is blocked by the connection's data scoping` }] };
  }
  // An operation that needs a blocked column is hidden by scoping: binding it must fail like binding the column.
  for (const argument of operation.arguments.filter((arg) => arg.required && isColumnBlocked(scoping, object.name, arg.field))) {
    blocked.push({ field: 'operation', message: `${object.name}.${argument.field} is blocked by the connection's data scoping` });
  }

  /** Resolves a column of a table, recording it as invalid, blocked or touched. */
  const useColumn = (table: SchemaObject, column: string, field: string): SchemaField | undefined => {
    const found = table.fields.find((f) => f.name === column);
    if (!found) invalid.push({ field, message: `${table.name} has no field "${column}"` });
    else if (isColumnBlocked(scoping, table.name, column)) {
      blocked.push({ field, message: `${table.name}.${column} is blocked by the connection's data scoping` });
    } else touched.add(`${table.name}.${column}`);
    return found;
  };

  const isWrite = request.isWrite === true;
  if (isWrite !== (operation.type === 'write')) {
    invalid.push({ field: 'isWrite', message: `${operation.name} is a ${operation.type}: set isWrite to ${!isWrite}` });
  }
  const argumentOf = (name: string) => operation.arguments.find((arg) => arg.name === name);

  request.inputs?.forEach((input, i) => {
    const argument = argumentOf(input.argument);
    if (!argument) invalid.push({ field: `inputs[${i}].argument`, message: `${operation.name} has no argument "${input.argument}"` });
    else useColumn(object, argument.field, `inputs[${i}].argument`);
  });
  if (sql && operation.type === 'read' && (request.inputs?.length ?? 0) !== 1) {
    invalid.push({ field: 'inputs', message: 'a SQL read takes exactly one filter on an indexed column' });
  }
  if (operation.type === 'read') {
    const given = new Set(request.inputs?.map((input) => input.argument));
    for (const argument of operation.arguments.filter((arg) => arg.required && !given.has(arg.name))) {
      invalid.push({ field: 'inputs', message: `the required argument "${argument.name}" is not bound` });
    }
  }

  if (operation.type === 'write') {
    const bound = new Set<string>();
    request.inputObjectMap?.forEach((entry, i) => {
      const where = `inputObjectMap[${i}]`;
      if ((entry.param === undefined) === (entry.const === undefined)) {
        invalid.push({ field: where, message: 'bind either a param or a const, exactly one' });
      }
      const argument = operation.arguments.find((arg) => arg.field === entry.field);
      if (!argument) {
        invalid.push({ field: `${where}.field`, message: `${operation.name} does not write "${entry.field}"` });
        return;
      }
      const column = useColumn(object, argument.field, `${where}.field`);
      if (column?.piiClass) invalid.push({ field: `${where}.field`, message: `${object.name}.${column.name} holds ${column.piiClass} (sensitive PII), which a write may not take` });
      bound.add(argument.name);
    });
    for (const argument of operation.arguments.filter((arg) => arg.required && !bound.has(arg.name))) {
      invalid.push({ field: 'inputObjectMap', message: `the required field "${argument.field}" is not bound` });
    }
  }

  request.projection?.forEach((projection, i) => {
    const where = `projection[${i}].path`;
    const [head, next] = projection.path as [string, string | undefined];
    if (next === undefined) {
      const column = useColumn(object, head, where);
      if (column && operation.type === 'write' && !column.primaryKey) {
        invalid.push({ field: where, message: 'a write may project only the created id' });
      }
      return;
    }
    const relationship = object.relationships.find((r) => r.field === head);
    const target = schema.objects.find((table) => table.name === relationship?.target);
    if (!relationship || !target) {
      invalid.push({ field: where, message: `${object.name}.${head} is not a relationship` });
    } else if (isTableBlocked(scoping, target.name)) {
      blocked.push({ field: where, message: `table ${target.name} is blocked by the connection's data scoping` });
    } else {
      useColumn(object, head, where);
      useColumn(target, next, where);
    }
  });

  // Scoping is named first: "blocked" tells the author why, where "not bound" would only send them round.
  if (blocked.length) return { kind: 'blocked', errors: [...blocked, ...invalid] };
  if (invalid.length) return { kind: 'invalid', errors: invalid };
  return { kind: 'valid', operation, object, touched: [...touched] };
}
