import fc from 'fast-check';
import type { JsonSchema } from '../spec/openapi-types.js';

// Ordinary generated values are short and mostly ASCII, so a server that fails on a string of a few hundred
// characters, or on an emoji, would pass every suite. A fixed share of the draws therefore leans to the
// schema's bounds: strings at minLength, at maxLength and between, made of characters servers get wrong;
// numbers at minimum and maximum; arrays at minItems and maxItems. Every such value is still valid.

/** One draw in this many leans to the bounds (a body, a credential, a query parameter: each draw on its own). */
export const BOUNDARY_ONE_DRAW_IN = 4;
/** The share of draws that lean to the bounds. */
export const BOUNDARY_SHARE = 1 / BOUNDARY_ONE_DRAW_IN;

/**
 * Draws from `boundary` once in BOUNDARY_ONE_DRAW_IN, from `ordinary` otherwise; a failing value shrinks
 * within the side it was drawn from, so a failure at the bounds keeps its long value while it shrinks.
 */
export function biased<T>(ordinary: fc.Arbitrary<T>, boundary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: ordinary, weight: BOUNDARY_ONE_DRAW_IN - 1 }, { arbitrary: boundary, weight: 1 });
}

/** "A few hundred characters": the length a boundary string reaches where the schema sets no maxLength. */
export const UNBOUNDED_LENGTH = 512;
/** The items a boundary array reaches where the schema sets no maxItems. */
export const UNBOUNDED_ITEMS = 20;

const printableAscii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCodePoint(0x20 + i));

/**
 * The kinds of text a boundary string is made of, one kind per string. Each entry is one code point: JSON
 * Schema counts a string's length in code points (as ajv does), so a character beyond the BMP counts once,
 * and a letter with a combining mark twice.
 */
export const BOUNDARY_TEXTS: Readonly<Record<string, readonly string[]>> = {
  'printable ASCII': printableAscii,
  'beyond the BMP': ['😀', '𝔘', '𠜎', '🂡', 'a', '1'],
  'combining marks': ['e', '\u0301', 'a', '\u0308', 'n', '\u0303', '\u20dd'],
  'right-to-left': ['ש', 'ל', 'ו', 'ם', 'ع', 'ر', 'ب', 'ي', '\u200f', '1'],
  'whitespace only': [' ', '\t', '\n', '\u00a0', '\u2003', '\u3000'],
};

/** The code points of a string: what its JSON Schema length counts. */
export const codePoints = (text: string): string[] => Array.from(text);

/** `length` code points, cycling through `units` (one code point each); empty units give 'x'. */
export function fill(units: readonly string[], length: number): string {
  const from = units.length ? units : ['x'];
  let text = '';
  for (let i = 0; i < length; i++) text += from[i % from.length];
  return text;
}

/** A length at the lower bound, at the upper bound, or between. */
function lengthAt(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max }));
}

/**
 * Strings valid against `schema` at its length bounds, each of one kind of text. A `format` keeps its
 * ordinary generator (its values are valid dates, URLs). A `pattern` most boundary texts cannot meet (an
 * SQL identifier) is met by the pattern's own strings, drawn longer than ordinary ones.
 */
export function boundaryString(schema: JsonSchema, ordinary: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (typeof schema.format === 'string') return ordinary;
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.max(min, (schema.maxLength as number | undefined) ?? UNBOUNDED_LENGTH);
  const text = fc
    .tuple(lengthAt(min, max), fc.constantFrom(...Object.values(BOUNDARY_TEXTS)).chain((units) => fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 8 })))
    .map(([length, units]) => fill(units, length));
  if (typeof schema.pattern !== 'string') return text;
  // 'u', as ajv compiles patterns: a character beyond the BMP is one character to the pattern too.
  const pattern = new RegExp(schema.pattern, 'u');
  const within = (s: string) => codePoints(s).length >= min && codePoints(s).length <= max;
  const long = fc.stringMatching(pattern, { size: 'medium' }).filter(within);
  return fc.tuple(text, long).map(([candidate, fallback]) => (pattern.test(candidate) ? candidate : fallback));
}

/** Numbers at `minimum`, at `maximum` and between; an unbounded side reaches the largest safe integer. */
export function boundaryNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = (schema.minimum as number | undefined) ?? -Number.MAX_SAFE_INTEGER;
  const max = (schema.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER;
  // fc.integer stays within 32 bits; the bounds themselves are drawn as constants.
  const between = integer
    ? fc.integer({ min: Math.max(min, -0x80000000), max: Math.min(max, 0x7fffffff) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constant(min), fc.constant(max), between);
}

/** Array lengths at `minItems`, at `maxItems` (UNBOUNDED_ITEMS where none is set) and between. */
export function boundaryItemCount(schema: JsonSchema): fc.Arbitrary<number> {
  const min = (schema.minItems as number | undefined) ?? 0;
  return lengthAt(min, Math.max(min, (schema.maxItems as number | undefined) ?? UNBOUNDED_ITEMS));
}
