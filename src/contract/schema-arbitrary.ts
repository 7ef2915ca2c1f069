import fc from 'fast-check';
import type { JsonSchema } from '../spec/openapi-types.js';

// No maintained library turns JSON Schema 2020-12 into fast-check 4 arbitraries (json-schema-fast-check
// targets fast-check 1), so this covers the subset openapi.yaml uses: type (and type arrays), enum, const,
// properties/required/additionalProperties, items/minItems/maxItems, string length and pattern, numeric
// bounds, formats date-time and uri, allOf of objects, anyOf/oneOf.

const MAX_STRING = 24;
const MAX_ITEMS = 4;

/** An arbitrary of values that are valid against `schema` (a dereferenced schema). */
export function arbitraryFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).length === 0) return fc.jsonValue();
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.allOf)) return arbitraryFor(mergeAllOf(schema));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((branch) => arbitraryFor(branch)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return fc.oneof(...types.map((type) => arbitraryOfType(type ?? inferType(schema), schema)));
}

function arbitraryOfType(type: string, schema: JsonSchema): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectArbitrary(schema);
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(arbitraryFor(schema.items as JsonSchema | undefined), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000 });
    case 'number':
      return fc.double({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.webUrl();
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.max(minLength, Math.min((schema.maxLength as number | undefined) ?? MAX_STRING, MAX_STRING));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= ((schema.maxLength as number | undefined) ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, arbitraryFor(property)])),
    { requiredKeys: [...required].filter((name) => name in properties) },
  );
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object' || extra === null) return known;
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((name) => !(name in properties));
  const additional = fc.dictionary(key, arbitraryFor(extra as JsonSchema), { maxKeys: 3 });
  return fc.tuple(known, additional).map(([a, b]) => ({ ...b, ...a }));
}

/** Merges `allOf` branches of object schemas into one schema (properties and required united). */
export function mergeAllOf(schema: JsonSchema): JsonSchema {
  const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
  for (const part of [schema, ...((schema.allOf ?? []) as JsonSchema[])]) {
    const flat = part === schema ? { ...part, allOf: undefined } : Array.isArray(part.allOf) ? mergeAllOf(part) : part;
    Object.assign(merged.properties as object, flat.properties ?? {});
    (merged.required as string[]).push(...((flat.required ?? []) as string[]));
    if (flat.additionalProperties !== undefined) merged.additionalProperties = flat.additionalProperties;
  }
  return merged;
}

function inferType(schema: JsonSchema): string {
  if (schema.properties || schema.additionalProperties) return 'object';
  if (schema.items) return 'array';
  return 'any';
}
