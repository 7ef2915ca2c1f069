import type { ConfiguredKey } from '../../src/contract/config.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { dataOf } from './session.js';

export interface SchemaView {
  objects: Array<{ name: string; fields: Array<{ name: string }>; relationships?: Array<{ field: string; target: string; targetField: string }> }>;
  operations: Array<{ name: string; object: string; type: string; arguments: Array<{ name: string; field: string; required: boolean }> }>;
}

/** The discovered schema as the target shows it, or undefined when it cannot be read. */
export async function readSchema(context: SuiteContext, key: ConfiguredKey, kind: string): Promise<SchemaView | undefined> {
  const data = dataOf(await context.call('getIntegrationSchema', { key, params: { kind } }));
  return data && Array.isArray(data.objects) && Array.isArray(data.operations) ? (data as SchemaView) : undefined;
}

/**
 * A binding the contract says must be accepted: a read operation of the schema, one input on one of its
 * arguments ("exactly ONE filter" for SQL reads), and a projection of a field of its object.
 */
export function validReadBinding(schema: SchemaView, toolName: string, pick = 0): Record<string, unknown> | undefined {
  const reads = schema.operations.filter((op) => op.type === 'read' && op.arguments.length > 0);
  const operation = reads[pick % Math.max(reads.length, 1)];
  const object = schema.objects.find((o) => o.name === operation?.object);
  if (!operation || !object?.fields.length) return undefined;
  return {
    toolName,
    operation: operation.name,
    inputs: [{ param: 'lookup_value', argument: operation.arguments[0]!.name }],
    projection: [{ path: [object.fields[0]!.name], leaf: 'result' }],
  };
}
