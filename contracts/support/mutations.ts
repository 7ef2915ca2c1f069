import type { ValidateFunction } from 'ajv';
import { mergeAllOf } from '../../src/contract/schema-arbitrary.js';
import type { JsonSchema } from '../../src/spec/openapi-types.js';
import { createAjv } from '../../src/validation/create-ajv.js';
import { absentBoundCandidates, boundCandidates, type Candidate } from './bound-mutations.js';

/** An invalid variant of a valid body, and the part it broke. */
export interface BodyMutation {
  readonly field: string;
  readonly description: string;
  readonly value: unknown;
  /** True for a value just outside one of the schema's bounds (its description names the bound). */
  readonly bound: boolean;
}

const ajv = createAjv();
// One validator per schema object (bodySchemaFor answers the same object for an operation and kind).
const validators = new WeakMap<JsonSchema, ValidateFunction>();
const validatorFor = (schema: JsonSchema): ValidateFunction => {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
};

/**
 * Every single-point mutation of `value` that makes it invalid against `schema`: a missing required field,
 * a wrong type, a value outside an enum or pattern, an extra key where the schema closes an object, and a
 * value just outside each bound (see boundCandidates). Each is checked against the schema itself, so only
 * truly invalid bodies come back.
 */
export function bodyMutations(schema: JsonSchema, value: unknown): BodyMutation[] {
  const validate = validatorFor(schema);
  return candidates(schema, value, [])
    .map(({ path, description, replace, bound }) => ({ field: path.join('.') || 'body', description, value: setAt(value, path, replace), bound: bound === true }))
    .filter((mutation) => !validate(mutation.value));
}

/**
 * The values just outside each bound of a single value's schema (a query parameter's), each naming the
 * bound it broke and checked invalid against the schema. An empty string is left out: in a query it may
 * read as no value at all.
 */
export function valueBoundMutations(schema: JsonSchema): Array<{ readonly value: unknown; readonly description: string }> {
  const validate = validatorFor(schema);
  return boundCandidates(schema, undefined, [])
    .filter(({ replace }) => replace !== '' && !validate(replace))
    .map(({ replace, description }) => ({ value: replace, description }));
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
  found.push(...boundCandidates(schema, value, path));
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (name in value) found.push({ path: [...path, name], description: `missing required field ${[...path, name].join('.')}`, replace: REMOVE });
    }
    if (schema.additionalProperties === false) found.push({ path: [...path, 'unexpected_field'], description: 'an extra key in a closed object', replace: 1 });
    found.push(...absentBoundCandidates(properties, value, path));
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
