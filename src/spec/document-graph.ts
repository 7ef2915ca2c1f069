/**
 * A dereferenced document as JSON text and back, object identity included. swagger-parser's dereferenced
 * document shares one object per component (and a recursive schema contains itself); plain JSON would copy
 * every use (or throw on a cycle), so each object reached more than once is written once, in a table, and
 * every use of it becomes a reference to its entry. Decoding restores the same sharing and cycles, so the
 * packaged contract is the very graph swagger-parser produced at build time.
 */

/** The key of a reference to a table entry; the encoder refuses a document that uses it as a key. */
const REF = '\u0000ref';

interface EncodedGraph {
  readonly root: unknown;
  readonly table: unknown[];
}

export function encodeGraph(root: unknown): string {
  const uses = new Map<object, number>();
  const count = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const seen = uses.get(node) ?? 0;
    uses.set(node, seen + 1);
    if (seen > 0) return;
    if (!Array.isArray(node) && Object.hasOwn(node, REF)) throw new Error(`the document uses the reserved key ${JSON.stringify(REF)}`);
    Object.values(node).forEach(count);
  };
  count(root);

  const index = new Map<object, number>();
  const table: unknown[] = [];
  const encode = (node: unknown, asEntry = false): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (!asEntry && (uses.get(node) ?? 0) > 1) {
      let at = index.get(node);
      if (at === undefined) {
        at = table.length;
        index.set(node, at);
        table.push(undefined); // reserved before encoding, so that a cycle back to it finds its index
        table[at] = encode(node, true);
      }
      return { [REF]: at };
    }
    return Array.isArray(node) ? node.map((item) => encode(item)) : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, encode(value)]));
  };
  const encoded: EncodedGraph = { root: encode(root), table };
  return JSON.stringify(encoded);
}

export function decodeGraph(text: string): unknown {
  // JSON.parse builds every object once; references are then swapped, in place, for their table entries,
  // which are patched the same way (each once), so that a cycle closes on the entry itself.
  const { root, table } = JSON.parse(text) as EncodedGraph;
  const patched = new Set<number>();
  const resolve = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as Record<string, unknown>)[REF];
    if (typeof ref !== 'number') return patch(node);
    if (!patched.has(ref)) {
      patched.add(ref);
      patch(table[ref] as object);
    }
    return table[ref];
  };
  const patch = (node: object): object => {
    if (Array.isArray(node)) {
      for (let at = 0; at < node.length; at++) node[at] = resolve(node[at]);
      return node;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value !== 'object' || value === null) continue;
      const resolved = resolve(value);
      if (resolved === value) continue;
      // A key spelt __proto__ is data in JSON; assigned, it would replace the prototype instead.
      if (key === '__proto__') Object.defineProperty(record, key, { value: resolved, enumerable: true, writable: true, configurable: true });
      else record[key] = resolved;
    }
    return node;
  };
  return resolve(root);
}
