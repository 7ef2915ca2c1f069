import type { Problem } from '../problems.js';

/** What a request asks of the mock, Prism's way: `Prefer: code=429, example=rateLimited, delay=400`. */
export interface Preferences {
  readonly code?: number;
  readonly example?: string;
  readonly delayMs?: number;
  /** How to name a preference in an error: `Prefer.code` for the header, `__code` for Prism's query form. */
  readonly fieldOf: (name: 'code' | 'example' | 'delay') => string;
}

/** The longest delay a request may ask for: 5 minutes, past any client's patience, within a timer's range. */
export const MAX_DELAY_MS = 300_000;

const headerField = (name: string) => `Prefer.${name}`;
const queryField = (name: string) => `__${name}`;

/**
 * The preferences the mock honours, or a 400 naming the one that is malformed, or undefined when the request
 * asks for none. As in Prism, the `Prefer` header wins and the `__code`/`__example`/`__delay` query parameters
 * are read only without it; preferences the mock does not know (`dynamic`, `return=minimal`, `wait`) are
 * ignored, as RFC 7240 asks.
 */
export function readPreferences(header: string | undefined, search: URLSearchParams): Preferences | Problem | undefined {
  const raw = header === undefined ? fromQuery(search) : parsePreferHeader(header);
  const fieldOf = header === undefined ? queryField : headerField;
  if (raw.code === undefined && raw.example === undefined && raw.delay === undefined) return undefined;

  const preferences: { code?: number; example?: string; delayMs?: number; fieldOf: Preferences['fieldOf'] } = { fieldOf };
  if (raw.code !== undefined) {
    // Prism takes exactly three digits; anything else would be a status no client can receive.
    if (!/^[1-5]\d\d$/.test(raw.code)) return invalidPreference(fieldOf('code'), 'must be an HTTP status of three digits, such as 429');
    preferences.code = Number(raw.code);
  }
  if (raw.example !== undefined) {
    if (raw.example === '') return invalidPreference(fieldOf('example'), 'must name one of the operation\'s examples');
    preferences.example = raw.example;
  }
  if (raw.delay !== undefined) {
    const delay = Number(raw.delay);
    if (!/^\d{1,9}$/.test(raw.delay) || delay > MAX_DELAY_MS) {
      return invalidPreference(fieldOf('delay'), `must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
    }
    preferences.delayMs = delay;
  }
  return preferences;
}

/** A 400 for a preference the mock cannot honour: every operation declares 400. */
export function invalidPreference(field: string, message: string, detail = `${field} ${message}.`): Problem {
  return { status: 400, code: 'invalid_preference', title: 'Invalid preference', detail, errors: [{ field, message }] };
}

type RawPreferences = { code?: string; example?: string; delay?: string };

function fromQuery(search: URLSearchParams): RawPreferences {
  return { code: search.get('__code') ?? undefined, example: search.get('__example') ?? undefined, delay: search.get('__delay') ?? undefined };
}

/**
 * Reads `Prefer` as Prism's parser does: preferences separated by commas outside quotes, each a token with
 * an optional `=value` (quotes dropped) and `;` parameters (ignored here); tokens are case-insensitive and
 * the first of a repeated token wins.
 */
export function parsePreferHeader(header: string): RawPreferences {
  const found = new Map<string, string>();
  for (const preference of splitOutsideQuotes(header, ',')) {
    const [head = ''] = splitOutsideQuotes(preference, ';');
    const equals = head.indexOf('=');
    const token = (equals === -1 ? head : head.slice(0, equals)).trim().toLowerCase();
    let value = equals === -1 ? '' : head.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (token && !found.has(token)) found.set(token, value);
  }
  return { code: found.get('code'), example: found.get('example'), delay: found.get('delay') };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
