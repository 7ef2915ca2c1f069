import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDifference, diffAnswers } from '../../src/traffic/answer-diff.js';
import { diffShapes, shapeOf } from '../../src/traffic/shape-diff.js';

const diff = (recorded: unknown, replayed: unknown) => diffShapes(shapeOf(recorded), shapeOf(replayed));

describe('shape differences', () => {
  it('should never find a value different in shape from itself, nor from the same shape with other values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(diff(value, structuredClone(value))).toEqual([]);
      }),
    );
    expect(diff({ data: [{ id: 'a', n: 1 }], nextCursor: 'x' }, { data: [{ id: 'b', n: 2 }, { id: 'c', n: 3 }], nextCursor: 'y' })).toEqual([]);
  });

  it('should see the same differences from either side, the other way round', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const flip = (d: ReturnType<typeof diff>[number]) => (d.kind === 'member' ? { ...d, only: d.only === 'recorded' ? 'replayed' : 'recorded' } : { ...d, recorded: d.replayed, replayed: d.recorded });
        const key = (d: object) => JSON.stringify(d);
        expect(diff(b, a).map(key).sort()).toEqual(diff(a, b).map(flip).map(key).sort());
      }),
    );
  });

  it('should merge the items of an array, so that an optional member present in some items is no difference', () => {
    expect(diff({ data: [{ id: 'a', description: 'x' }, { id: 'b' }] }, { data: [{ id: 'c' }, { id: 'd', description: 'y' }] })).toEqual([]);
  });

  it('should name a type that differs in any item', () => {
    expect(diff({ data: { items: [{ nextCursor: 'a' }] } }, { data: { items: [{ nextCursor: 'b' }, { nextCursor: null }] } })).toEqual([
      { kind: 'type', path: 'data.items[].nextCursor', recorded: ['string'], replayed: ['null', 'string'] },
    ]);
  });

  it('should name a missing member once, at the top, and not below a member whose type differs', () => {
    expect(diff({ data: { foo: { bar: { baz: 1 } }, keep: 1 } }, { data: { keep: 2, extra: [1] } })).toEqual([
      { kind: 'member', path: 'data.foo', only: 'recorded' },
      { kind: 'member', path: 'data.extra', only: 'replayed' },
    ]);
    expect(diff({ data: { owner: { id: 'a', name: 'b' } } }, { data: { owner: null } })).toEqual([{ kind: 'type', path: 'data.owner', recorded: ['object'], replayed: ['null'] }]);
  });

  it('should not compare the items of an array that is empty on one side: it says nothing of their shape', () => {
    expect(diff({ data: [] }, { data: [{ id: 'a' }] })).toEqual([]);
    expect(diff({ data: [{ id: 'a' }] }, { data: [] })).toEqual([]);
  });

  it('should quote a member name that is not an identifier', () => {
    expect(diff({ headers: { 'content-type': 'x' } }, { headers: {} })).toEqual([{ kind: 'member', path: 'headers["content-type"]', only: 'recorded' }]);
  });

  it('should read a deeply nested body without overflowing the stack, comparing types alone below 64 levels', () => {
    const nest = (leaf: unknown, levels: number) => {
      let value = leaf;
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };
    expect(diff(nest(1, 20_000), nest('one', 20_000))).toEqual([]);
    expect(diff(nest(1, 60), nest('one', 60))).toEqual([{ kind: 'type', path: Array(60).fill('a').join('.'), recorded: ['number'], replayed: ['string'] }]);
  });
});

describe('answer differences', () => {
  const json = (value: unknown) => ({ status: 200, contentType: 'application/json; charset=utf-8', text: JSON.stringify(value) });

  it('should stop at a different status, which is the whole story', () => {
    const differences = diffAnswers({ status: 404, contentType: 'application/problem+json', text: '{"code":"not_found"}' }, json({ data: [] }));
    expect(differences.map((d) => describeDifference(d))).toEqual(['status 404 recorded, 200 replayed']);
  });

  it('should compare media types without their parameters, and tell an empty or non-JSON body from JSON', () => {
    expect(diffAnswers(json({ a: 1 }), { status: 200, contentType: 'application/json', text: '{"a":2}' })).toEqual([]);
    const differences = diffAnswers(json({ a: 1 }), { status: 200, contentType: 'text/html', text: '<html></html>' });
    expect(differences.map((d) => describeDifference(d))).toEqual(['content type application/json recorded, text/html replayed', 'body json recorded, not JSON replayed']);
    expect(diffAnswers({ status: 204, text: '' }, { status: 204, text: '{}' }).map((d) => describeDifference(d))).toEqual(['body empty recorded, json replayed']);
  });

  it('should compare only status and media type when a body was not recorded or not read whole', () => {
    expect(diffAnswers({ status: 200, contentType: 'application/json' }, json({ anything: true }))).toEqual([]);
  });
});
