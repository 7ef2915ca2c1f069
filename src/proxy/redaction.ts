import { isUtf8 } from 'node:buffer';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE, type HarHeader, PLAIN_CREDENTIAL_FIELDS } from '../traffic/har.js';
import type { Violation } from '../traffic/traffic-validator.js';
import type { SecretMemory } from './secret-memory.js';

/** Headers that carry a key whatever their value looks like. */
const KEY_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key']);
/** Headers whose value is a URL: hidden there as in the request's URL, secrets only (see SecretGrade). */
const URL_HEADERS = new Set(['location', 'content-location', 'referer']);

/** The key an Authorization value carries: the token after `Bearer `, or the whole value for another scheme. */
export function tokenOf(authorization: string): string {
  return /^\s*bearer\s+/i.test(authorization) ? authorization.replace(/^\s*bearer\s+/i, '').trim() : authorization.trim();
}

/**
 * A header as a recording keeps it: a key as its fingerprint (`replay --har` maps it to a key of its target),
 * cookie values hidden (names and attributes kept), and any value remembered replaced wherever it appears.
 */
export function redactedHeader(name: string, value: string, memory: SecretMemory): HarHeader {
  if (KEY_HEADERS.has(name)) return { name, value: REDACTED_KEY_PREFIX + keyFingerprint(tokenOf(value)) };
  if (name === 'cookie') return { name, value: value.replace(/(^|;\s*)([^=;]+)=[^;]*/g, `$1$2=${REDACTED_VALUE}`) };
  if (name === 'set-cookie') return { name, value: value.replace(/^([^=;]+)=[^;]*/, `$1=${REDACTED_VALUE}`) };
  return { name, value: URL_HEADERS.has(name) ? scrubUrl(value, memory) : scrubText(value, memory) };
}

/** Text (a message, a header value) with every remembered value replaced. */
export const scrubText = (text: string, memory: SecretMemory) => memory.scrub(text, REDACTED_VALUE);

/** A URL with its keys and secret-grade values replaced; identifiers (a database name in the query) stay. */
export const scrubUrl = (url: string, memory: SecretMemory) => memory.scrubUrl(url, REDACTED_VALUE);

/**
 * A body with every remembered value replaced. A replacement that lands outside a JSON string (a 4-digit value inside
 * `"count": 12345`) would leave a JSON body no JSON: such a body is scrubbed string by string and written again
 * instead (numbers beyond 2^53 lose digits then, which beats a recording `check --har` cannot read).
 */
export function scrubBody(bytes: Buffer, memory: SecretMemory): Buffer {
  const scrubbed = memory.scrubBytes(bytes, REDACTED_VALUE);
  if (scrubbed === bytes) return bytes;
  const original = parsedJson(bytes);
  if (!original || parsedJson(scrubbed)) return scrubbed;
  return Buffer.from(JSON.stringify(scrubbedValue(original.value, memory)));
}

function scrubbedValue(value: unknown, memory: SecretMemory): unknown {
  if (typeof value === 'string') return scrubText(value, memory);
  if (typeof value === 'number') return scrubText(String(value), memory) === String(value) ? value : REDACTED_VALUE;
  if (Array.isArray(value)) return value.map((item) => scrubbedValue(item, memory));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [scrubText(name, memory), scrubbedValue(member, memory)]));
}

/**
 * A request body's text with every `credentials` member's fields but `sslmode` and `port` replaced by REDACTED_VALUE,
 * whatever their value: a short password is no less a secret. A body cut at the cap (not JSON any more) has the string
 * values redacted as far as its `credentials` object goes. Undefined when the text names credentials but is neither
 * JSON nor cut JSON (a form, say): they cannot be told apart from the rest, so it must not be recorded.
 */
export function redactCredentials(text: string, cut: boolean): string | undefined {
  if (!text.includes('credentials')) return text;
  const parsed = parsedJson(Buffer.from(text));
  if (parsed) {
    let found = false;
    const redacted = redactedMembers(parsed.value, () => (found = true));
    // A body that only mentions the word (in a description, say) is kept as it was written.
    return found ? JSON.stringify(redacted) : text;
  }
  return cut && text.includes('"credentials"') ? redactCredentialsText(text) : undefined;
}

/** Every `credentials` member, at any depth, hidden. */
function redactedMembers(value: unknown, found: () => void): unknown {
  if (Array.isArray(value)) return value.map((item) => redactedMembers(item, found));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, name === 'credentials' ? (found(), redactedCredentials(member)) : redactedMembers(member, found)]));
}

/** Every value but `sslmode` and `port` hidden; credentials of the wrong shape (a string, a list) hidden whole. */
function redactedCredentials(credentials: unknown): unknown {
  if (credentials === null) return null;
  if (Array.isArray(credentials)) return credentials.map(() => REDACTED_VALUE);
  if (typeof credentials !== 'object') return REDACTED_VALUE;
  return Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, PLAIN_CREDENTIAL_FIELDS.has(field) ? value : REDACTED_VALUE]));
}

/** A `credentials` object in text that is not JSON (cut short, or inside other bytes): up to its first `}`. */
const CREDENTIALS_TEXT = /("credentials"\s*:\s*\{)([^}]*)/g;
/** One member of it: a quoted field, and a value (a string, maybe cut, or anything up to the next comma). */
const MEMBER_TEXT = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\s]+)/g;

/** Credentials in text that is not JSON: every value but `sslmode` and `port` after `"credentials": {` up to its `}`. */
function redactCredentialsText(text: string): string {
  return text.replace(CREDENTIALS_TEXT, (_, opening: string, members: string) =>
    opening + members.replace(MEMBER_TEXT, (member: string, field: string, colon: string) => (PLAIN_CREDENTIAL_FIELDS.has(field) ? member : `"${field}"${colon}${JSON.stringify(REDACTED_VALUE)}`)),
  );
}

/** The fields and values of every `credentials` object in text that is not JSON, `sslmode` and `port` aside. */
export function credentialMembersOfText(text: string): Array<readonly [field: string, value: string]> {
  const found: Array<readonly [string, string]> = [];
  for (const [, , members] of text.matchAll(CREDENTIALS_TEXT)) {
    for (const [, field, , value] of members!.matchAll(MEMBER_TEXT)) {
      if (PLAIN_CREDENTIAL_FIELDS.has(field!)) continue;
      const quoted = value!.startsWith('"');
      const raw = quoted ? value!.slice(1, value!.length > 1 && value!.endsWith('"') ? -1 : undefined) : value!;
      found.push([field!, quoted ? unescaped(raw) : raw]);
    }
  }
  return found;
}

/** A JSON string's content unescaped (as far as it is valid: a value cut mid-escape is kept as it is). */
function unescaped(content: string): string {
  try {
    return JSON.parse(`"${content}"`) as string;
  } catch {
    return content;
  }
}

/** The bytes as JSON (`{ value }`, since `null` is JSON too), or undefined. */
export function parsedJson(bytes: Buffer): { readonly value: unknown } | undefined {
  if (bytes.length === 0 || !isUtf8(bytes)) return undefined;
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return undefined;
  }
}

/** Violations whose messages show no remembered value (they may quote the target's answer or the client's request). */
export function scrubViolations(violations: readonly Violation[], memory: SecretMemory): Violation[] {
  return violations.map((violation) => ({ ...violation, message: scrubText(violation.message, memory) }));
}
