import type { ValidateFunction } from 'ajv';
import { mergeAllOf } from '../../src/contract/schema-arbitrary.js';
import type { JsonSchema } from '../../src/spec/openapi-types.js';
import { createAjv } from '../../src/validation/create-ajv.js';

/** An invalid variant of a valid body, and the part it broke. */
export interface BodyMutation {
  readonly field: string;
  readonly description: string;
  readonly value: unknown;
}

const ajv = createAjv();
const validators = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * Every single-point mutation of `value` that makes it invalid against `schema`: a missing required field,
 * a wrong type, a value outside an enum or pattern, an extra key where the schema closes an object. Each is
 * checked against the schema itself, so only truly invalid bodies come back.
 */
export function bodyMutations(schema: JsonSchema, value: unknown): BodyMutation[] {
  const validate = validators.get(schema) ?? ajv.compile(schema);
  validators.set(schema, validate);
  return candidates(schema, value, [])
    .map(({ path, description, replace }) => ({ field: path.join('.') || 'body', description, value: setAt(value, path, replace) }))
    .filter((mutation) => !validate(mutation.value));
}

interface Candidate {
  path: string[];
  description: string;
  /** The new value at `path`, or REMOVE. */
  replace: unknown;
}

const REMOVE = Symbol('remove');

function candidates(rawSchema: JsonSchema, value: unknown, path: string[]): Candidate[] {
  const schema = Array.isArray(rawSchema.allOf) ? mergeAllOf(rawSchema) : rawSchema;
  const found: Candidate[] = [];
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.length) {
    found.push({ path, description: `wrong type (expected ${types.join(' or ')})`, replace: types.includes('string') ? 12345 : 'not-a-value' });
  }
  if (Array.isArray(schema.enum)) found.push({ path, description: 'a value outside the enum', replace: 'not_in_the_enum' });
  if (typeof schema.pattern === 'string') found.push({ path, description: 'a value not matching the pattern', replace: '!! not matching !!' });
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (name in value) found.push({ path: [...path, name], description: `missing required field ${[...path, name].join('.')}`, replace: REMOVE });
    }
    if (schema.additionalProperties === false) found.push({ path: [...path, 'unexpected_field'], description: 'an extra key in a closed object', replace: 1 });
    for (const [name, child] of Object.entries(value)) {
      const childSchema = properties[name] ?? (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined);
      if (childSchema) found.push(...candidates(childSchema, child, [...path, name]));
    }
  }
  if (Array.isArray(value) && value.length > 0 && schema.items) found.push(...candidates(schema.items as JsonSchema, value[0], [...path, '0']));
  return found;
}

function setAt(root: unknown, path: readonly string[], replace: unknown): unknown {
  if (path.length === 0) return replace === REMOVE ? undefined : replace;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  if (rest.length === 0 && replace === REMOVE) delete copy[head];
  else copy[head] = setAt(copy[head], rest, replace);
  return copy;
}
