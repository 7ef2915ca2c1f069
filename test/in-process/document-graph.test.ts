import { describe, expect, it } from 'vitest';
import { decodeGraph, encodeGraph } from '../../src/spec/document-graph.js';

describe('encodeGraph / decodeGraph', () => {
  it('should restore shared objects as one object, not copies', () => {
    const shared = { type: 'string', enum: ['a', 'b'] };
    const list = [shared];
    const decoded = decodeGraph(encodeGraph({ one: shared, two: { inner: shared }, list, again: list })) as any;
    expect(decoded.one).toEqual(shared);
    expect(decoded.two.inner).toBe(decoded.one);
    expect(decoded.again).toBe(decoded.list);
    expect(decoded.list[0]).toBe(decoded.one);
  });

  it('should restore cycles (a recursive schema contains itself)', () => {
    const tree: Record<string, unknown> = { type: 'object' };
    tree.properties = { children: { type: 'array', items: tree } };
    const decoded = decodeGraph(encodeGraph({ tree })) as any;
    expect(decoded.tree.properties.children.items).toBe(decoded.tree);
  });

  it('should keep a __proto__ key as data, and plain values as they are', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "n": 1.5, "s": "x", "b": false, "z": null, "a": []}');
    const decoded = decodeGraph(encodeGraph(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(value));
  });

  it('should refuse a document that uses its reference key', () => {
    expect(() => encodeGraph({ '\u0000ref': 0 })).toThrow(/reserved key/);
  });
});
