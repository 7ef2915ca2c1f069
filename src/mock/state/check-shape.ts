import type { FieldError } from '../../validation/field-errors.js';
import { MOCK_DATA_SCHEMA } from './data-schema.js';
import { isObject } from '../../is-object.js';

/**
 * Checks a data file's (or a snapshot's) shape against MOCK_DATA_SCHEMA, naming each wrong field as
 * `connections.acme[1].kind`; `root` names the whole value. The messages are ajv's, as toFieldErrors words
 * them elsewhere.
 *
 * Why not ajv: compiling this schema takes it 200 ms or more, which a mock started with `--data` or
 * `--state`, and the first `PUT /__mock/state`, would pay; and the core should not need code generated at
 * run time (`new Function`) to run in a browser. So this walks the schema itself, for the keywords in
 * SUPPORTED_KEYWORDS, which are all the schema uses (test/mock/state-schema.test.ts checks both that and
 * that ajv agrees with every verdict).
 */
export function checkDataShape(value: unknown, root: string): FieldError[] {
  const errors: Array<{ path: Path; message: string }> = [];
  check(MOCK_DATA_SCHEMA, value, [], errors);
  return errors.map(({ path, message }) => ({ field: fieldOf(path, root), message }));
}

export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  'type', 'enum', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'minItems', 'maxItems', 'uniqueItems',
  'items', 'required', 'properties', 'additionalProperties', 'allOf', 'if', 'then', 'else',
]);

type Path = ReadonlyArray<string | number>;
type Schema = { readonly [keyword: string]: unknown };
type Errors = Array<{ path: Path; message: string }>;

function check(schema: Schema, value: unknown, path: Path, errors: Errors): void {
  const fail = (message: string, at: Path = path): void => {
    errors.push({ path: at, message });
  };
  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  if (types && !types.some((type) => hasType(value, type as string))) return fail(`must be ${types.join(' or ')}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`must be one of: ${schema.enum.map(String).join(', ')}`);
  if (typeof value === 'string') checkString(schema, value, fail);
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be >= ${schema.minimum}`);
  if (Array.isArray(value)) checkArray(schema, value, path, errors, fail);
  else if (isObject(value)) checkObject(schema, value, path, errors, fail);
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) check(part, value, path, errors);
  if (schema.if !== undefined) {
    const branch = passes(schema.if as Schema, value) ? schema.then : schema.else;
    if (branch !== undefined) check(branch as Schema, value, path, errors);
  }
}

function checkString(schema: Schema, value: string, fail: (message: string) => void): void {
  const length = [...value].length; // code points, as JSON Schema counts them
  if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`must NOT have fewer than ${schema.minLength} characters`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`must NOT have more than ${schema.maxLength} characters`);
  if (typeof schema.pattern === 'string' && !patternOf(schema.pattern).test(value)) fail(`must match pattern "${schema.pattern}"`);
  if (schema.format === 'date-time' && !isDateTime(value)) fail('must match format "date-time"');
}

function checkArray(schema: Schema, value: readonly unknown[], path: Path, errors: Errors, fail: (message: string) => void): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`must NOT have fewer than ${schema.minItems} items`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`must NOT have more than ${schema.maxItems} items`);
  if (schema.uniqueItems === true) {
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const key = JSON.stringify(item);
      const first = seen.get(key);
      if (first !== undefined) fail(`must NOT have duplicate items (items ## ${i} and ${first} are identical)`);
      else seen.set(key, i);
    });
  }
  if (schema.items !== undefined) value.forEach((item, i) => check(schema.items as Schema, item, [...path, i], errors));
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: Path, errors: Errors, fail: (message: string, at?: Path) => void): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required as string[] | undefined) ?? []) if (!Object.hasOwn(value, name)) fail('is required', [...path, name]);
  // Own keys only, and looked up with hasOwn: a `__proto__` key is a key like any other, never a prototype.
  for (const [name, entry] of Object.entries(value)) {
    if (Object.hasOwn(properties, name)) check(properties[name]!, entry, [...path, name], errors);
    else if (schema.additionalProperties === false) fail('is not a known field', [...path, name]);
    else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, entry, [...path, name], errors);
  }
}

function passes(schema: Schema, value: unknown): boolean {
  const errors: Errors = [];
  check(schema, value, [], errors);
  return errors.length === 0;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}


const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(source, 'u')));
  return pattern;
}

// RFC 3339 date-time, checked as ajv-formats checks it (its rules, ported): a real day of a real month, a
// real time with a zone, and a leap second only at the end of a UTC day.
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDateTime(value: string): boolean {
  const parts = value.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0]!) && isTime(parts[1]!);
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]!);
}

function isTime(value: string): boolean {
  const match = TIME.exec(value);
  if (!match || !match[4]) return false;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const sign = match[5] === '-' ? -1 : 1;
  const [zoneHour, zoneMinute] = [Number(match[6] ?? 0), Number(match[7] ?? 0)];
  if (zoneHour > 23 || zoneMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - zoneMinute * sign;
  const utcHour = hour - zoneHour * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

/** Named as toFieldErrors names a request field: `a.b[0].c` (a key of digits reads as an index there too). */
function fieldOf(path: Path, root: string): string {
  if (path.length === 0) return root;
  return path.reduce<string>((field, segment) => {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) return `${field}[${segment}]`;
    return field ? `${field}.${segment}` : segment;
  }, '');
}
