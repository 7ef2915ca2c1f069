import type { FieldView, SchemaView } from './discovered.js';

export type ObjectView = SchemaView['objects'][number];
export type OperationView = SchemaView['operations'][number];

/** A body for the bindings endpoint (the contract's `BindingRequest`). */
export interface BindingBody {
  toolName: string;
  operation: string;
  isWrite?: boolean;
  inputs?: Array<{ param: string; argument: string }>;
  inputObjectMap?: Array<{ field: string; param?: string; const?: string | number | boolean }>;
  projection?: Array<{ path: string[]; leaf: string }>;
  sqlSearch?: { column: string; param: string };
  keyColumn?: string;
  keyParam?: string;
}

/** A binding the contract says a target must accept, and the operation and object it binds. */
export interface BoundOperation {
  readonly body: BindingBody;
  readonly operation: OperationView;
  readonly object: ObjectView;
}

/** The item `pick` chooses, going round; undefined when there is none. */
export function pickOne<T>(items: readonly T[], pick: number): T | undefined {
  return items[pick % Math.max(items.length, 1)];
}

/** The items from the one `pick` chooses, going round. */
export function rotate<T>(items: readonly T[], pick: number): T[] {
  const start = pick % Math.max(items.length, 1);
  return [...items.slice(start), ...items.slice(0, start)];
}

/** `base`, lengthened until it is none of `taken`: a name the schema lacks. */
export function unusedName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  let name = base;
  while (names.has(name)) name += '_x';
  return name;
}

export function objectOf(schema: SchemaView, operation: OperationView): ObjectView | undefined {
  return schema.objects.find((object) => object.name === operation.object);
}

/**
 * Every read the contract says a target must accept: a read operation with every required argument bound,
 * returning its object's first field. A postgres or mysql read takes "exactly ONE filter on a LEADING-INDEX
 * column … use sqlSearch for postgres/mysql reads": its one filter is `sqlSearch`, on an indexed field one of
 * its arguments filters on, and it has no `inputs` (the contract does not promise that a SQL read bound
 * through `inputs` is accepted).
 */
export function readBindings(schema: SchemaView, toolName: string, sql: boolean): BoundOperation[] {
  return schema.operations.flatMap((operation): BoundOperation[] => {
    const object = objectOf(schema, operation);
    if (operation.type !== 'read' || !object?.fields.length) return [];
    const projection = [{ path: [object.fields[0]!.name], leaf: 'result' }];
    if (sql) {
      const indexed = new Set(object.fields.filter((f) => f.indexed).map((f) => f.name));
      const required = operation.arguments.filter((a) => a.required);
      const filter = required.length > 1 ? undefined : (required[0] ?? operation.arguments.find((a) => indexed.has(a.field)));
      if (!filter || !indexed.has(filter.field)) return [];
      return [{ operation, object, body: { toolName, operation: operation.name, sqlSearch: { column: filter.field, param: 'value_0' }, projection } }];
    }
    const required = operation.arguments.filter((a) => a.required);
    const inputs = (required.length ? required : operation.arguments.slice(0, 1)).map((argument, i) => ({ param: `value_${i}`, argument: argument.name }));
    return inputs.length ? [{ operation, object, body: { toolName, operation: operation.name, inputs, projection } }] : [];
  });
}

/** One of the reads of `readBindings`, chosen by `pick`; undefined when the schema offers none. */
export function validReadBinding(schema: SchemaView, toolName: string, pick: number, sql: boolean): BindingBody | undefined {
  return pickOne(readBindings(schema, toolName, sql), pick)?.body;
}

/** The one-hop joins an object offers: each relationship whose target object is in the schema. */
export function joinsOf(schema: SchemaView, object: ObjectView): Array<{ field: string; target: ObjectView; targetField: string }> {
  return (object.relationships ?? []).flatMap((relationship) => {
    const target = schema.objects.find((candidate) => candidate.name === relationship.target);
    return target ? [{ field: relationship.field, target, targetField: relationship.targetField }] : [];
  });
}

/**
 * A read that also returns a column of a related object: `path: [relationshipField, targetColumn]`, "a one-hop
 * join" in the contract's `BindingProjection` (the docs name it for SQL: "For a SQL one-hop FK join, use path
 * [relationshipField, targetColumn]"; which kinds get one is the caller's choice). The column is one the schema
 * marks as no personal data, else the relationship's own target field. Undefined when no read's object has a
 * relationship.
 */
export function joinReadBinding(schema: SchemaView, toolName: string, pick: number, sql: boolean): BindingBody | undefined {
  const read = pickOne(readBindings(schema, toolName, sql).filter((r) => joinsOf(schema, r.object).length), pick);
  if (!read) return undefined;
  const join = pickOne(joinsOf(schema, read.object), pick)!;
  const column = pickOne(join.target.fields.filter((f) => f.piiClass === null), pick)?.name ?? join.targetField;
  return { ...read.body, projection: [...read.body.projection!, { path: [join.field, column], leaf: 'joined' }] };
}

/** A write operation and the bodies that bind it: one, or a postgres/mysql write's two forms (see writeBindings). */
export interface WriteBinding {
  readonly operation: OperationView;
  readonly object: ObjectView;
  readonly forms: readonly BindingBody[];
}

/**
 * The writes the contract says a target must accept: `isWrite`, and every required input field bound
 * ("Every required input field must be bound-or-const") from a param or, with `consts`, a constant of the
 * field's type; each a field the schema marks `piiClass: null` ("sensitive PII classes are rejected", and a
 * field whose class the target does not give may be one); nothing projected. A postgres or mysql write is "a
 * single-row INSERT, or an UPDATE-by-unique-key (set keyColumn+keyParam)", and nothing in the schema says
 * which: it comes in two forms, without a key and with its primary (or a unique) non-personal column as
 * `keyColumn`, and a target accepts the one that fits. None for SQL when no such key column is known.
 */
export function writeBindings(schema: SchemaView, toolName: string, sql: boolean, consts: boolean): WriteBinding[] {
  return schema.operations.flatMap((operation): WriteBinding[] => {
    const object = objectOf(schema, operation);
    if (operation.type !== 'write' || !object) return [];
    const fieldOf = (name: string) => object.fields.find((f) => f.name === name);
    const required = operation.arguments.filter((a) => a.required);
    const chosen = required.length ? required : operation.arguments.filter((a) => fieldOf(a.field)?.piiClass === null).slice(0, 1);
    const fields = [...new Set(chosen.map((a) => fieldOf(a.field)))];
    if (!fields.length || !fields.every((f) => f?.piiClass === null)) return [];
    const inputObjectMap = (fields as FieldView[]).map((field, i) => {
      const constant = consts && !field.primaryKey && !field.unique ? constantOf(field.type) : undefined;
      return constant === undefined ? { field: field.name, param: `value_${i}` } : { field: field.name, const: constant };
    });
    const body: BindingBody = { toolName, operation: operation.name, isWrite: true, inputObjectMap };
    if (!sql) return [{ operation, object, forms: [body] }];
    const key = object.fields.find((f) => f.primaryKey && f.piiClass === null) ?? object.fields.find((f) => f.unique && f.piiClass === null);
    if (!key) return [];
    // The key's value comes from the param that binds the key field, when the write binds it.
    const keyParam = inputObjectMap.find((entry) => entry.field === key.name)?.param ?? 'key_value';
    return [{ operation, object, forms: [{ ...body, toolName: `${toolName}_insert` }, { ...body, toolName: `${toolName}_update`, keyColumn: key.name, keyParam }] }];
  });
}

/** A constant of a field type the contract names (`SchemaField.type`), for a `const` entry; undefined for another type. */
function constantOf(type: string | undefined): string | number | boolean | undefined {
  const constants: Record<string, string | number | boolean> = { string: 'flowyte-contract', integer: 1, number: 1, boolean: true, date: '2030-01-02', datetime: '2030-01-02T09:00:00Z' };
  return type !== undefined && Object.hasOwn(constants, type) ? constants[type] : undefined;
}

/** A `table.column` as a key no table or column name can fake (a SQL table name may hold a dot). */
export function columnKey(table: string, column: string): string {
  return JSON.stringify([table, column]);
}

/**
 * The tables a binding names and the columns (`columnKey`) it filters on, writes or returns (a join: the
 * target's field and column too), as far as the schema knows them: what scoping must leave alone for it to
 * stay valid.
 */
export function touchedBy(schema: SchemaView, body: BindingBody): { tables: string[]; columns: string[] } {
  const operation = schema.operations.find((op) => op.name === body.operation);
  const object = operation && objectOf(schema, operation);
  if (!operation || !object) return { tables: [], columns: [] };
  const own = (column: string) => columnKey(object.name, column);
  const tables = [object.name];
  const columns = [
    ...(body.inputs ?? []).map((input) => own(operation.arguments.find((a) => a.name === input.argument)?.field ?? input.argument)),
    ...(body.inputObjectMap ?? []).map((entry) => own(entry.field)),
    ...[body.sqlSearch?.column, body.keyColumn].flatMap((column) => (column === undefined ? [] : [own(column)])),
  ];
  for (const { path } of body.projection ?? []) {
    columns.push(own(path[0]!));
    const join = path[1] === undefined ? undefined : joinsOf(schema, object).find((j) => j.field === path[0]);
    if (!join) continue;
    tables.push(join.target.name);
    columns.push(columnKey(join.target.name, join.targetField), columnKey(join.target.name, path[1]!));
  }
  return { tables, columns };
}

/** An auto-bind goal in the schema's own words: the read operation's name and its object's, split into words. */
export function goalOf(read: { readonly name: string; readonly object: string }): string {
  return `${read.name} ${read.object}`.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}
