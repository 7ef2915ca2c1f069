/** The JSON value a text holds, or undefined when it holds none (empty, cut, or not JSON at all). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
