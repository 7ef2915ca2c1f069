import type { ConfiguredKey } from '../../src/contract/config.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { walkPages } from './pages.js';
import { dataOf } from './session.js';

/** A schema field as the contract's `SchemaField` describes it; every flag is optional there, so unknown when absent. */
export interface FieldView {
  name: string;
  type?: string;
  indexed?: boolean;
  primaryKey?: boolean;
  unique?: boolean;
  /** The sensitive-data class, `null` for none; absent: the target does not say. */
  piiClass?: string | null;
}

export interface SchemaView {
  objects: Array<{ name: string; fields: FieldView[]; relationships?: Array<{ field: string; target: string; targetField: string }> }>;
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
