/**
 * How far a remembered value is hidden: a `secret` (an Authorization key, an apiKey, a password) wherever it
 * appears, URLs included; an `identifier` (a database host, user or name) in bodies and headers only, since a URL
 * that names it (`sql/scripts?database=analytics_db`) is the client's own request, and a recording that hid it there
 * would no longer match the contract.
 */
export type SecretGrade = 'secret' | 'identifier';

/**
 * Values this short are never hidden: three characters or fewer (`bob`, `db1`) are everywhere in JSON, dates and
 * header values, and replacing them would garble every recording. Four and more are rare enough by accident.
 */
export const SHORTEST_HIDDEN = 4;

/**
 * How remembered values are searched. Short ones go in alternations of at most PATTERN_SIZE values, so one regex
 * finds them all in a single pass (usually there are fewer). Past about 250 alternatives V8 stops optimising the
 * pattern and it runs several times slower than one search per value; and a long literal is found fastest by a plain
 * search (which skips ahead by its length), while V8 refuses an alternation holding one of 32 KiB (a CA bundle runs
 * to 64). Measured on 10 KB and 1 MB bodies with 20 to 1,000 values: two to three times faster than a search per value.
 */
const PATTERN_SIZE = 200;
const LONGEST_IN_PATTERN = 64;

/** How a set of values is searched: the long ones one by one (longest first), then the patterns of the others. */
interface Search {
  readonly long: readonly string[];
  readonly patterns: ReadonlyArray<{ readonly regex: RegExp; readonly values: readonly string[] }>;
}

/**
 * The last values seen go through the proxy (credential values, keys), so that no log line, header or recording
 * shows one, and so that a later answer echoing one is caught. Bounded: a long session keeps the most recent ones
 * (a key in use is seen again on every request, so it stays).
 */
export class SecretMemory {
  // Insertion order is recency order: a value seen again moves to the end.
  private readonly values = new Map<string, SecretGrade>();
  // Built when first needed after the set of values changed (not on every scrub, nor when a value is seen again).
  private searches: { text?: Search; url?: Search; bytes?: Search } = {};

  constructor(private readonly capacity = 1_000) {}

  /** Remembers values; one already known as a secret stays one. Values under SHORTEST_HIDDEN characters are not kept. */
  remember(values: Iterable<string>, grade: SecretGrade = 'secret'): void {
    for (const value of values) {
      if (value.length < SHORTEST_HIDDEN) continue;
      const known = this.values.get(value);
      this.values.delete(value);
      this.values.set(value, known === 'secret' ? 'secret' : grade);
      if (known === undefined || (known === 'identifier' && grade === 'secret')) this.searches = {};
      if (this.values.size > this.capacity) {
        this.values.delete(this.values.keys().next().value!);
        this.searches = {};
      }
    }
  }

  get size(): number {
    return this.values.size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.values.keys();
  }

  /** `text` (a body, a header value, a message) with every remembered value replaced. */
  scrub(text: string, replacement: string): string {
    return replaced(text, (this.searches.text ??= searchOf([...this.values.keys()])), replacement);
  }

  /** A URL with the secrets replaced, as written and percent-encoded; identifiers stay. */
  scrubUrl(url: string, replacement: string): string {
    const secrets = [...this.values].filter(([, grade]) => grade === 'secret').flatMap(([value]) => urlSpellings(value));
    return replaced(url, (this.searches.url ??= searchOf(secrets)), replacement);
  }

  /**
   * Bytes with every remembered value replaced byte for byte, whatever the encoding around them (a latin1 string maps
   * each byte to one character, so a UTF-8 value is found as its bytes).
   */
  scrubBytes(bytes: Buffer, replacement: string): Buffer {
    const search = (this.searches.bytes ??= searchOf([...this.values.keys()].map((value) => Buffer.from(value).toString('latin1'))));
    if (search.patterns.length === 0 && search.long.length === 0) return bytes;
    const text = bytes.toString('latin1');
    const scrubbed = replaced(text, search, Buffer.from(replacement).toString('latin1'));
    return scrubbed === text ? bytes : Buffer.from(scrubbed, 'latin1');
  }
}

function replaced(text: string, search: Search, replacement: string): string {
  const oneByOne = (values: readonly string[], from: string) => values.reduce((result, value) => (result.includes(value) ? result.split(value).join(replacement) : result), from);
  let result = oneByOne(search.long, text);
  for (const { regex, values } of search.patterns) {
    try {
      result = result.replace(regex, replacement);
    } catch {
      // V8 compiles a pattern when it runs (again, once it is hot) and may find it too large then: never a reason to
      // show a secret.
      result = oneByOne(values, result);
    }
  }
  return result;
}

/** The values sorted longest first (so that none is left half shown by a shorter one that starts it), escaped. */
function searchOf(values: string[]): Search {
  const sorted = [...new Set(values)].sort((a, b) => b.length - a.length);
  const short = sorted.filter((value) => value.length <= LONGEST_IN_PATTERN);
  const patterns = [];
  for (let at = 0; at < short.length; at += PATTERN_SIZE) {
    const chunk = short.slice(at, at + PATTERN_SIZE);
    patterns.push({ regex: new RegExp(chunk.map(escapeRegExp).join('|'), 'g'), values: chunk });
  }
  return { long: sorted.filter((value) => value.length > LONGEST_IN_PATTERN), patterns };
}

/** A value as a URL may carry it: as is, percent-encoded, and form-encoded (a space as `+`). */
function urlSpellings(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return [value, encoded, encoded.replace(/%20/g, '+')];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
