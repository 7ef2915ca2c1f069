import { fromBase64url, toBase64url } from './base64url.js';
import { problem, type Problem } from './problems.js';
import { randomHex } from './random.js';

/** The contract's `PageLimit` default. */
export const DEFAULT_PAGE_LIMIT = 20;

/** The page parameters after the core validated them: `limit` is 1..100 with its default applied. */
export interface PageQuery {
  readonly limit: number;
  readonly cursor?: string;
}

/** `PaginatedResponse<T>`, the body of every list. */
export interface Page<T> {
  readonly success: true;
  readonly data: T[];
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
}

/**
 * One page of a list, ordered by each item's key (code-point order, so the same on every machine and locale).
 *
 * The cursor names the list and the last key it returned, and the next page starts after that key rather
 * than at an offset: a connection made or removed between two pages then neither repeats nor skips the
 * others. Naming the list makes one list refuse another's cursor (an objects cursor of postgres is not
 * one of mysql's, nor of the catalog's). A cursor that does not decode to this list, or that is not
 * spelt exactly as the API spells it, is refused: 400 `invalid_cursor` naming `cursor`.
 */
export function paginate<T>(list: string, items: readonly T[], keyOf: (item: T) => string, query: PageQuery): Page<T> | Problem {
  const after = query.cursor === undefined ? undefined : decodeCursor(list, query.cursor);
  if (after === null) {
    return problem('invalid_cursor', 'cursor is not one this API returned: start again from the first page.', {
      errors: [{ field: 'cursor', message: 'is not a cursor this API returned' }],
    });
  }
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const start = after === undefined ? 0 : firstAfter(sorted, after);
  const page = sorted.slice(start, start + query.limit);
  const hasMore = start + query.limit < sorted.length;
  return {
    success: true,
    data: page.map((entry) => entry.item),
    nextCursor: hasMore ? encodeCursor(list, page[page.length - 1]!.key) : null,
    hasMore,
  };
}

/** The index of the first entry whose key sorts after `key` (binary search: the entries are sorted). */
function firstAfter(sorted: ReadonlyArray<{ key: string }>, key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.key <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

const SEPARATOR = '\n'; // never part of a list name or an item key (names, kinds, slugs)
const TAG = '.';

const encoder = new TextEncoder();
const decoder = new TextDecoder(); // not fatal: a cursor that is not UTF-8 fails the re-encoding check below

// Cursors carry a tag made with a secret of this process, so that one the mock never issued (a guess, an
// edited one, one from before a restart) is refused as the contract says, not answered with an empty page.
// A mock needs no cryptography for that: two FNV-1a rounds over the secret and the text.
const SECRET = randomHex(16);

function tagOf(text: string): string {
  const round = (seed: number) => {
    let hash = seed;
    for (const char of `${SECRET}${SEPARATOR}${text}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return hash.toString(16).padStart(8, '0');
  };
  return round(0x811c9dc5) + round(0x050c5d1f);
}

function encodeCursor(list: string, key: string): string {
  const text = `${list}${SEPARATOR}${key}`;
  return `${toBase64url(encoder.encode(text))}${TAG}${tagOf(text)}`;
}

/** The key a cursor of this list resumes after; null when it is not such a cursor, issued by this mock. */
function decodeCursor(list: string, cursor: string): string | null {
  const prefix = `${list}${SEPARATOR}`;
  const bytes = fromBase64url(cursor.slice(0, Math.max(cursor.indexOf(TAG), 0)));
  if (!bytes) return null;
  const text = decoder.decode(bytes);
  const key = text.startsWith(prefix) ? text.slice(prefix.length) : '';
  // Base64 has more than one spelling of the same bytes (the last character's spare bits): only a cursor spelt
  // exactly as issued is taken, its tag included.
  return key && encodeCursor(list, key) === cursor ? key : null;
}
