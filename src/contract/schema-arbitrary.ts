import fc from 'fast-check';
import type { JsonSchema } from '../spec/openapi-types.js';
import { biased, boundaryItemCount, boundaryNumber, boundaryString } from './boundary-values.js';

// No maintained library turns JSON Schema 2020-12 into fast-check 4 arbitraries (json-schema-fast-check
// targets fast-check 1), so this covers the subset openapi.yaml uses: type (and type arrays), enum, const,
// properties/required/additionalProperties, items/minItems/maxItems, string length and pattern, numeric
// bounds, formats date-time and uri, allOf of objects, anyOf/oneOf.

const MAX_STRING = 24;
const MAX_ITEMS = 4;

/**
 * How a value is drawn: `ordinary` (short, mostly ASCII, optional properties now and then) or `boundary`
 * (every leaf at or between its bounds, of text servers get wrong, every property present).
 */
export type DrawMode = 'ordinary' | 'boundary';

/**
 * An arbitrary of values that are valid against `schema` (a dereferenced schema): one draw in
 * BOUNDARY_ONE_DRAW_IN leans to the schema's bounds as a whole, the others are ordinary.
 */
export function arbitraryFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return biased(valuesFor(schema, 'ordinary'), valuesFor(schema, 'boundary'));
}

// Arbitraries are immutable: one per schema and mode, since suites ask for them again on every run.
const built: Record<DrawMode, WeakMap<JsonSchema, fc.Arbitrary<unknown>>> = { ordinary: new WeakMap(), boundary: new WeakMap() };

/** An arbitrary of values valid against `schema`, every part of them drawn in one mode. */
export function valuesFor(schema: JsonSchema | undefined, mode: DrawMode): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue();
  let arbitrary = built[mode].get(schema);
  if (!arbitrary) built[mode].set(schema, (arbitrary = build(schema, mode)));
  return arbitrary;
}

function build(schema: JsonSchema, mode: DrawMode): fc.Arbitrary<unknown> {
  if (Object.keys(schema).length === 0) return fc.jsonValue();
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.allOf)) return valuesFor(mergeAllOf(schema), mode);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((branch) => valuesFor(branch, mode)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return fc.oneof(...types.map((type) => arbitraryOfType(type ?? inferType(schema), schema, mode)));
}

function arbitraryOfType(type: string, schema: JsonSchema, mode: DrawMode): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectArbitrary(schema, mode);
    case 'array': {
      const items = valuesFor(schema.items as JsonSchema | undefined, mode);
      if (mode === 'boundary') return boundaryItemCount(schema).chain((length) => fc.array(items, { minLength: length, maxLength: length }));
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(items, { minLength, maxLength });
    }
    case 'string':
      return mode === 'boundary' ? boundaryString(schema, ordinaryString(schema)) : ordinaryString(schema);
    case 'integer':
      if (mode === 'boundary') return boundaryNumber(schema, true);
      return fc.integer({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000 });
    case 'number':
      if (mode === 'boundary') return boundaryNumber(schema, false);
      return fc.double({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

function ordinaryString(schema: JsonSchema): fc.Arbitrary<string> {
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

function objectArbitrary(schema: JsonSchema, mode: DrawMode): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valuesFor(property, mode)])),
    // At the bounds every property is there, so that each one's bounds are reached.
    { requiredKeys: mode === 'boundary' ? Object.keys(properties) : [...required].filter((name) => name in properties) },
  );
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object' || extra === null) return known;
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((name) => !(name in properties));
  const additional = fc.dictionary(key, valuesFor(extra as JsonSchema, mode), { maxKeys: 3 });
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
