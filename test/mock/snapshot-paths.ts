/** Every path to a value inside `value` (the value itself first), as lists of keys: where a test may spoil a snapshot. */
export function pathsOf(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [path];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((entry, i) => [i, entry]) : Object.entries(value);
  return [path, ...entries.flatMap(([key, entry]) => pathsOf(entry, [...path, key]))];
}

/** Sets the value at `path` as an own property (so that a `__proto__` key stays a key); the empty path changes nothing. */
export function setAt(target: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  if (path.length === 0) return;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], target);
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}
