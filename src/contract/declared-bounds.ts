import type { JsonSchema } from '../spec/openapi-types.js';
import { mergeAllOf } from './schema-arbitrary.js';

export type BoundKeyword = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'minItems' | 'maxItems' | 'enum';

/** A bound a schema sets, and where: `credentials.apiKey`, `inputs[].param`, `blockedColumns.*`. */
export interface DeclaredBound {
  readonly path: string;
  readonly keyword: BoundKeyword;
  readonly value: unknown;
}

const NUMERIC: readonly BoundKeyword[] = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'];

/** Every bound `schema` sets on its values and on theirs, each with its path (what the generators must reach). */
export function declaredBounds(schema: JsonSchema | undefined, path = ''): DeclaredBound[] {
  if (!schema) return [];
  if (Array.isArray(schema.allOf)) return declaredBounds(mergeAllOf(schema), path);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const found: DeclaredBound[] = Array.isArray(branches) ? branches.flatMap((branch) => declaredBounds(branch, path)) : [];
  for (const keyword of NUMERIC) if (typeof schema[keyword] === 'number') found.push({ path, keyword, value: schema[keyword] });
  if (Array.isArray(schema.enum)) found.push({ path, keyword: 'enum', value: schema.enum });
  const child = (name: string) => (path ? `${path}.${name}` : name);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) found.push(...declaredBounds(property, child(name)));
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) found.push(...declaredBounds(schema.additionalProperties as JsonSchema, child('*')));
  if (typeof schema.items === 'object' && schema.items !== null) found.push(...declaredBounds(schema.items as JsonSchema, `${path}[]`));
  return found;
}
