import type { JsonSchema } from '../../spec/openapi-types.js';
import { isObject } from '../../is-object.js';

// Past this depth only required properties are filled in, so that a recursive schema still ends.
const FULL_DEPTH = 6;
const MAX_DEPTH = 24;

const FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/**
 * A value of a dereferenced JSON schema, for an answer the contract gives no example of. Static, as Prism's
 * default generation is: the schema's own `const`, `default` or example first, then a value of its type (every
 * property filled in, one item per array, the lowest number allowed, `string` or a value of the format).
 * `pattern` and `multipleOf` are not solved for.
 */
export function sampleSchema(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.allOf)) {
    // Properties beside the allOf belong to the same object: they are one more part to merge.
    const { allOf, ...rest } = schema;
    const parts = (allOf as JsonSchema[]).map((part) => sampleSchema(part, depth));
    return mergeAll(rest.type || rest.properties ? [sampleSchema(rest, depth), ...parts] : parts);
  }
  for (const choice of ['oneOf', 'anyOf'] as const) {
    const options = schema[choice];
    if (Array.isArray(options) && options.length) return sampleSchema(options[0] as JsonSchema, depth);
  }
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, depth);
    case 'array':
      return sampleArray(schema, depth);
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function typeOf(schema: JsonSchema): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  // A union such as ["object", "null"]: the first type that is not null, so that the value says something.
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'null';
}

function sampleObject(schema: JsonSchema, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (depth >= MAX_DEPTH) return result;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [name, property] of Object.entries(properties)) {
    if (depth < FULL_DEPTH || required.has(name)) result[name] = sampleSchema(property, depth + 1);
  }
  return result;
}

function sampleArray(schema: JsonSchema, depth: number): unknown[] {
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const count = depth >= FULL_DEPTH ? min : Math.min(Math.max(min, 1), max);
  return Array.from({ length: count }, () => sampleSchema(schema.items as JsonSchema | undefined, depth + 1));
}

function sampleString(schema: JsonSchema): string {
  const value = FORMATS[String(schema.format)] ?? 'string';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  return value.padEnd(min, 'x').slice(0, Math.max(max, min));
}

function sampleNumber(schema: JsonSchema): number {
  if (typeof schema.minimum === 'number') return schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') return schema.type === 'integer' ? Math.floor(schema.exclusiveMinimum) + 1 : schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && schema.maximum < 0) return schema.maximum;
  return 0;
}

/** The parts of an `allOf`, merged: objects property by property (deeply), anything else the last one. */
function mergeAll(parts: unknown[]): unknown {
  return parts.reduce((merged, part) => (isObject(merged) && isObject(part) ? mergeObjects(merged, part) : part ?? merged), undefined);
}

function mergeObjects(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const result = { ...a };
  for (const [key, value] of Object.entries(b)) result[key] = isObject(result[key]) && isObject(value) ? mergeObjects(result[key], value) : value;
  return result;
}

