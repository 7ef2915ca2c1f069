import { codePoints, fill } from '../../src/contract/boundary-values.js';
import type { JsonSchema } from '../../src/spec/openapi-types.js';

/** A value to put at a path of a valid body, and what it breaks. */
export interface Candidate {
  path: string[];
  description: string;
  /** The new value at `path`, or REMOVE. */
  replace: unknown;
  /** True for a value just outside one of the schema's bounds. */
  bound?: boolean;
}

const typesOf = (schema: JsonSchema) => ([] as unknown[]).concat(schema.type ?? []);

/**
 * The values just outside each bound `schema` sets on the value at `path` (undefined where an optional
 * property is absent): one character under minLength or over maxLength, one under minimum or over maximum,
 * one item under minItems or over maxItems, and a near miss of an enum value. Each names the bound it broke.
 * Where they can, they are made of the valid value itself, so that the bound is the one thing wrong.
 */
export function boundCandidates(schema: JsonSchema, value: unknown, path: string[]): Candidate[] {
  const found: Candidate[] = [];
  const at = (replace: unknown, description: string) => found.push({ path, description, replace, bound: true });
  const types = typesOf(schema);
  const text = typeof value === 'string' ? codePoints(value) : value === undefined && types.includes('string') ? [] : undefined;
  if (text) {
    const { minLength, maxLength } = schema as { minLength?: number; maxLength?: number };
    if (typeof minLength === 'number' && minLength > 0) at(resized(text, minLength - 1), `${minLength - 1} characters, one under minLength ${minLength}`);
    if (typeof maxLength === 'number') at(resized(text, maxLength + 1), `${maxLength + 1} characters, one over maxLength ${maxLength}`);
  }
  if (typeof value === 'number' || (value === undefined && (types.includes('integer') || types.includes('number')))) {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    if (typeof minimum === 'number') at(minimum - 1, `${minimum - 1}, one under minimum ${minimum}`);
    if (typeof maximum === 'number') at(maximum + 1, `${maximum + 1}, one over maximum ${maximum}`);
  }
  if (Array.isArray(value)) {
    const { minItems, maxItems } = schema as { minItems?: number; maxItems?: number };
    if (typeof minItems === 'number' && minItems > 0) at(value.slice(0, minItems - 1), `${minItems - 1} items, one under minItems ${minItems}`);
    // More of its own valid items: an empty array has none to repeat.
    if (typeof maxItems === 'number' && value.length > 0) at(Array.from({ length: maxItems + 1 }, (_, i) => value[i % value.length]), `${maxItems + 1} items, one over maxItems ${maxItems}`);
  }
  if (Array.isArray(schema.enum) && typeof value === 'string') {
    const near = value.length > 1 ? value.slice(0, -1) : `${value}_`;
    at(near, `${JSON.stringify(near)}, a near miss of the enum value ${JSON.stringify(value)}`);
  }
  return found;
}

/**
 * Properties of an object schema absent from `value` whose own bounds can still be broken: an optional
 * string or number, sent just outside its bound.
 */
export function absentBoundCandidates(properties: Readonly<Record<string, JsonSchema>>, value: object, path: string[]): Candidate[] {
  return Object.entries(properties)
    .filter(([name, schema]) => !(name in value) && typesOf(schema).some((type) => type === 'string' || type === 'integer' || type === 'number'))
    .flatMap(([name, schema]) => boundCandidates(schema, undefined, [...path, name]));
}

/** `length` code points of a valid text: cut, or its own characters repeated ('x' when it has none). */
function resized(text: readonly string[], length: number): string {
  return length <= text.length ? text.slice(0, length).join('') : text.join('') + fill(text.length ? text : ['x'], length - text.length);
}
