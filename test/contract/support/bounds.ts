import type { BodyMutation } from '../../../contracts/support/mutations.js';
import { declaredBounds } from '../../../src/contract/declared-bounds.js';
import { mergeAllOf } from '../../../src/contract/schema-arbitrary.js';
import type { JsonSchema } from '../../../src/spec/openapi-types.js';

// Bounds named as `<path> <keyword>` (`credentials.apiKey maxLength`, `inputs[].param minLength`), an enum
// value as `<path> enum <value as JSON>`, the paths those of declaredBounds.

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** Every bound a schema declares, and each of its enum values: what a boundary sample must reach. */
export function boundsToReach(schema: JsonSchema): Set<string> {
  return new Set(
    declaredBounds(schema).flatMap((bound) =>
      bound.keyword === 'enum' ? (bound.value as unknown[]).map((value) => `${bound.path} enum ${JSON.stringify(value)}`) : [`${bound.path} ${bound.keyword}`],
    ),
  );
}

/** The bounds the values reach exactly (a string of maxLength code points, an array of minItems items…), and the enum values they take. */
export function boundsReached(schema: JsonSchema, values: readonly unknown[]): Set<string> {
  const reached = new Set<string>();
  for (const value of values) walk(schema, value, '', reached);
  return reached;
}

function walk(schema: JsonSchema | undefined, value: unknown, path: string, reached: Set<string>): void {
  if (!schema) return;
  if (Array.isArray(schema.allOf)) return walk(mergeAllOf(schema), value, path, reached);
  for (const branch of ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[])) walk(branch, value, path, reached);
  const at = (keyword: string, actual: number) => schema[keyword] === actual && reached.add(`${path} ${keyword}`);
  if (typeof value === 'string') ['minLength', 'maxLength'].forEach((keyword) => at(keyword, Array.from(value).length));
  if (typeof value === 'number') ['minimum', 'maximum'].forEach((keyword) => at(keyword, value));
  if (Array.isArray(value)) {
    ['minItems', 'maxItems'].forEach((keyword) => at(keyword, value.length));
    for (const item of value) walk(schema.items as JsonSchema | undefined, item, `${path}[]`, reached);
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(value)) reached.add(`${path} enum ${JSON.stringify(value)}`);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const extra = typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
    for (const [name, child] of Object.entries(value)) {
      if (properties[name]) walk(properties[name], child, join(path, name), reached);
      else walk(extra, child, join(path, '*'), reached);
    }
  }
}

/** A mutation's field as a declared path: `inputs.0.param` → `inputs[].param`, `body` → ''. */
const declaredPath = (field: string) => (field === 'body' ? '' : field.replace(/\.(\d+)(?=\.|$)/g, '[]'));

const valueAt = (root: unknown, field: string): unknown =>
  (field === 'body' ? [] : field.split('.')).reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);

const PARSERS: ReadonlyArray<[RegExp, (value: unknown, n: number) => boolean]> = [
  [/^(\d+) characters, one (under|over) (minLength|maxLength) (\d+)$/, (value, n) => typeof value === 'string' && Array.from(value).length === n],
  [/^(-?\d+), one (under|over) (minimum|maximum) (-?\d+)$/, (value, n) => value === n],
  [/^(\d+) items, one (under|over) (minItems|maxItems) (\d+)$/, (value, n) => Array.isArray(value) && value.length === n],
];
const NEAR_MISS = /^(".*"), a near miss of the enum value (".*")$/;

/** The bound a mutation says it broke, `<path> <keyword>`; undefined when its description names none. */
function namedBound(mutation: BodyMutation): string | undefined {
  const keyword = PARSERS.map(([pattern]) => pattern.exec(mutation.description)?.[3]).find(Boolean) ?? (NEAR_MISS.test(mutation.description) ? 'enum' : undefined);
  return keyword && `${declaredPath(mutation.field)} ${keyword}`;
}

/** Whether a bound mutation's description is true: the value is one past a bound the schema declares at that path. */
export function isMutationOfItsBound(schema: JsonSchema, mutation: BodyMutation): boolean {
  const value = valueAt(mutation.value, mutation.field);
  const declared = declaredBounds(schema).filter((bound) => bound.path === declaredPath(mutation.field));
  for (const [pattern, holds] of PARSERS) {
    const match = pattern.exec(mutation.description);
    if (!match) continue;
    const [, n, side, keyword, limit] = match;
    return holds(value, Number(n)) && Number(n) === Number(limit) + (side === 'over' ? 1 : -1) && declared.some((bound) => bound.keyword === keyword && bound.value === Number(limit));
  }
  const near = NEAR_MISS.exec(mutation.description);
  if (!near) return false;
  const [missed, original] = [JSON.parse(near[1]!), JSON.parse(near[2]!)];
  const values = declared.filter((bound) => bound.keyword === 'enum').flatMap((bound) => bound.value as unknown[]);
  return value === missed && values.includes(original) && !values.includes(missed);
}

/** The bounds a set of mutations broke, as `<path> <keyword>`. */
export function mutatedBounds(mutations: readonly BodyMutation[]): Set<string> {
  return new Set(mutations.filter((m) => m.bound).flatMap((m) => namedBound(m) ?? []));
}
