/** A JSON object: not null, not an array. One predicate for the spec, validation and mock code that walks JSON. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
