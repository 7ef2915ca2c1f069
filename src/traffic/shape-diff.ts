/** The JSON types a shape tells apart: integers and other numbers are one type, as JSON has one. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * A JSON value's shape: the types seen at each member path (`data.items[].nextCursor`), the items of an array
 * merged under `[]`. Values are left out: two answers of one shape may hold different data.
 */
export interface Shape {
  readonly types: ReadonlyMap<string, ReadonlySet<JsonType>>;
  /** The path of each member or item path's container: what tells a missing member from a missing parent. */
  readonly parents: ReadonlyMap<string, string>;
  /** Arrays seen with at least one item: an empty array says nothing of its items' shape. */
  readonly filledArrays: ReadonlySet<string>;
}

/** One way two shapes differ, at a member path (`''` is the body itself). */
export type ShapeDifference =
  | { readonly kind: 'type'; readonly path: string; readonly recorded: readonly JsonType[]; readonly replayed: readonly JsonType[] }
  | { readonly kind: 'member'; readonly path: string; readonly only: 'recorded' | 'replayed' };

const MAX_DEPTH = 64;

export function shapeOf(value: unknown): Shape {
  const types = new Map<string, Set<JsonType>>();
  const parents = new Map<string, string>();
  const filledArrays = new Set<string>();
  // An explicit stack, not recursion: a deeply nested body must not overflow the call stack.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    const type = typeOf(current);
    const seen = types.get(path) ?? new Set<JsonType>();
    seen.add(type);
    types.set(path, seen);
    const children: Array<{ value: unknown; path: string; depth: number }> = [];
    // Below MAX_DEPTH only the type counts: paths grow with depth, and no API answer nests that deep.
    if (depth >= MAX_DEPTH) continue;
    if (type === 'array') {
      const items = current as unknown[];
      if (items.length) filledArrays.add(path);
      for (const item of items) children.push({ value: item, path: `${path}[]`, depth: depth + 1 });
    } else if (type === 'object') {
      for (const [key, member] of Object.entries(current as object)) children.push({ value: member, path: memberPath(path, key), depth: depth + 1 });
    }
    for (const child of children) parents.set(child.path, path);
    // Reversed, so that paths are first seen in document order (the order differences are listed in).
    stack.push(...children.reverse());
  }
  return { types, parents, filledArrays };
}

/**
 * Where two shapes differ. A member missing on one side is named once, at the top: not again for each member
 * below it, and not at all when its parent already differs in type, or is an array empty on that side.
 */
export function diffShapes(recorded: Shape, replayed: Shape): ShapeDifference[] {
  const differences: ShapeDifference[] = [];
  for (const [path, types] of recorded.types) {
    const other = replayed.types.get(path);
    if (!other) {
      if (reachable(path, recorded, replayed)) differences.push({ kind: 'member', path, only: 'recorded' });
    } else if (!sameTypes(types, other)) {
      differences.push({ kind: 'type', path, recorded: sorted(types), replayed: sorted(other) });
    }
  }
  for (const path of replayed.types.keys()) {
    if (!recorded.types.has(path) && reachable(path, replayed, recorded)) differences.push({ kind: 'member', path, only: 'replayed' });
  }
  return differences;
}

/** `data.items[].nextCursor`, `data["content-type"]`; the body itself is `(body)`. */
export function displayPath(path: string): string {
  return path === '' ? '(body)' : path;
}

/** Whether `other` could have held `path` (seen on `own`): its parent is there, of the container type the path needs. */
function reachable(path: string, own: Shape, other: Shape): boolean {
  const parent = own.parents.get(path);
  if (parent === undefined) return true;
  const parentTypes = other.types.get(parent);
  if (path.endsWith('[]')) return Boolean(parentTypes?.has('array')) && other.filledArrays.has(parent);
  return Boolean(parentTypes?.has('object'));
}

function memberPath(parent: string, key: string): string {
  const step = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (step.startsWith('[')) return `${parent}${step}`;
  return parent ? `${parent}.${step}` : step;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

function sameTypes(a: ReadonlySet<JsonType>, b: ReadonlySet<JsonType>): boolean {
  return a.size === b.size && [...a].every((type) => b.has(type));
}

const sorted = (types: ReadonlySet<JsonType>): JsonType[] => [...types].sort();
