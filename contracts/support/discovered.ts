import type { ConfiguredKey } from '../../src/contract/config.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { walkPages } from './pages.js';
import { dataOf } from './session.js';

export interface SchemaView {
  objects: Array<{ name: string; fields: Array<{ name: string; indexed?: boolean }>; relationships?: Array<{ field: string; target: string; targetField: string }> }>;
  operations: Array<{ name: string; object: string; type: string; arguments: Array<{ name: string; field: string; required: boolean }> }>;
}

/** The discovered schema as the target shows it, or undefined when it cannot be read. */
export async function readSchema(context: SuiteContext, key: ConfiguredKey, kind: string): Promise<SchemaView | undefined> {
  const data = dataOf(await context.call('getIntegrationSchema', { key, params: { kind } }));
  return data && Array.isArray(data.objects) && Array.isArray(data.operations) ? (data as SchemaView) : undefined;
}

/** Every object name of the objects list, following its cursors; undefined if unreadable. */
export async function readAllObjectNames(context: SuiteContext, key: ConfiguredKey, kind: string): Promise<string[] | undefined> {
  const objects = await walkPages<{ name: string }>(context, 'listIntegrationObjects', key, { kind }, 100);
  return objects?.map((object) => object.name);
}

/** Object names with their field names, sorted: a schema's content, whatever order the target lists it in. */
export function schemaShape(schema: SchemaView): string {
  return JSON.stringify(schema.objects.map((o) => [o.name, o.fields.map((f) => f.name).sort()]).sort());
}

/**
 * A binding the contract says must be accepted: a read operation of the schema with every required argument
 * bound (for SQL, "exactly ONE filter on a LEADING-INDEX column": one argument, on an indexed field), and a
 * projection of a field of its object. Undefined when the schema offers no such read.
 */
export function validReadBinding(schema: SchemaView, toolName: string, pick: number, sql: boolean): Record<string, unknown> | undefined {
  const candidates = schema.operations.flatMap((operation) => {
    const object = schema.objects.find((o) => o.name === operation.object);
    if (operation.type !== 'read' || !object?.fields.length) return [];
    const indexed = new Set(object.fields.filter((f) => f.indexed).map((f) => f.name));
    const required = operation.arguments.filter((a) => a.required);
    const inputs = sql
      ? [required[0] ?? operation.arguments.find((a) => indexed.has(a.field))].filter((a) => a && indexed.has(a.field) && required.length <= 1)
      : required.length ? required : operation.arguments.slice(0, 1);
    return inputs.length ? [{ operation, object, inputs: inputs as Array<{ name: string }> }] : [];
  });
  const chosen = candidates[pick % Math.max(candidates.length, 1)];
  if (!chosen) return undefined;
  return {
    toolName,
    operation: chosen.operation.name,
    inputs: chosen.inputs.map((argument, i) => ({ param: `value_${i}`, argument: argument.name })),
    projection: [{ path: [chosen.object.fields[0]!.name], leaf: 'result' }],
  };
}
