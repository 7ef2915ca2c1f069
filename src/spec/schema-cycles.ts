import type { JsonSchema } from './openapi-types.js';
import { isObject } from '../is-object.js';

/**
 * A copy of a dereferenced schema that ajv can compile: swagger-parser turns a recursive `$ref` (a tree whose
 * `children` are trees) into an object that contains itself, which ajv would follow forever. Each object that
 * closes a cycle becomes a `$defs` entry of the copy, and every path back to it a `$ref` (`#` for the root).
 */
export function withoutCycles(schema: JsonSchema): JsonSchema {
  const closing = new Set<object>();
  const open = new Set<object>();
  const done = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || done.has(node)) return;
    if (open.has(node)) {
      closing.add(node);
      return;
    }
    open.add(node);
    Object.values(node).forEach(visit);
    open.delete(node);
    done.add(node);
  };
  visit(schema);
  if (closing.size === 0) return schema;

  const refs = new Map<object, string>();
  [...closing].forEach((node, index) => refs.set(node, node === schema ? '#' : `#/$defs/flowyte-cycle-${index}`));
  const copies = new Map<object, unknown>();
  const copy = (node: unknown, asDefinition = false): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const ref = refs.get(node);
    if (ref !== undefined && !asDefinition) return { $ref: ref };
    const known = copies.get(node);
    if (known !== undefined) return known;
    const result = Array.isArray(node)
      ? node.map((item) => copy(item))
      : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, copy(value)]));
    copies.set(node, result);
    return result;
  };
  const root = copy(schema, true);
  if (!isObject(root)) return schema;
  const definitions: Record<string, unknown> = isObject(root.$defs) ? { ...root.$defs } : {};
  for (const [node, ref] of refs) {
    if (ref !== '#') definitions[ref.slice('#/$defs/'.length)] = copy(node, true);
  }
  return Object.keys(definitions).length === 0 ? root : { ...root, $defs: definitions };
}

