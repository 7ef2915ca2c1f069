import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE, type HarHeader } from '../traffic/har.js';
import type { SecretMemory } from './secret-memory.js';

/** Headers that carry a key whatever their value looks like. */
const KEY_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key']);
/** The credential fields that are no secret (as the validator's `secretsOf`). */
const NOT_SECRET = new Set(['sslmode', 'port']);

/** What a recording must not show: the credential values and keys seen so far. */
export interface Secrets {
  readonly credentials: SecretMemory;
  readonly keys: SecretMemory;
}

/** The key an Authorization value carries: the token after `Bearer `, or the whole value for another scheme. */
export function tokenOf(authorization: string): string {
  return /^\s*bearer\s+/i.test(authorization) ? authorization.replace(/^\s*bearer\s+/i, '').trim() : authorization.trim();
}

/**
 * A header as a recording keeps it: a key as its fingerprint (`replay --har` maps it to a key of its target),
 * cookie values hidden (names and attributes kept), and any secret seen replaced wherever it appears.
 */
export function redactedHeader(name: string, value: string, secrets: Secrets): HarHeader {
  if (KEY_HEADERS.has(name)) return { name, value: REDACTED_KEY_PREFIX + keyFingerprint(tokenOf(value)) };
  if (name === 'cookie') return { name, value: value.replace(/(^|;\s*)([^=;]+)=[^;]*/g, `$1$2=${REDACTED_VALUE}`) };
  if (name === 'set-cookie') return { name, value: value.replace(/^([^=;]+)=[^;]*/, `$1=${REDACTED_VALUE}`) };
  return { name, value: scrubText(value, secrets) };
}

export function scrubText(text: string, secrets: Secrets): string {
  return secrets.keys.scrub(secrets.credentials.scrub(text, REDACTED_VALUE), REDACTED_VALUE);
}

/**
 * Bytes with every secret seen replaced, byte for byte whatever the encoding around them (a latin1 string maps
 * each byte to one character, so a UTF-8 secret is found and replaced as its bytes).
 */
export function scrubBytes(bytes: Buffer, secrets: Secrets): Buffer {
  const found = [...secrets.credentials, ...secrets.keys].filter((secret) => bytes.includes(secret));
  if (found.length === 0) return bytes;
  const replacement = Buffer.from(REDACTED_VALUE).toString('latin1');
  const text = found
    .sort((a, b) => b.length - a.length)
    .reduce((scrubbed, secret) => scrubbed.split(Buffer.from(secret).toString('latin1')).join(replacement), bytes.toString('latin1'));
  return Buffer.from(text, 'latin1');
}

/**
 * A request body's text with every `credentials` field but `sslmode` and `port` replaced by REDACTED_VALUE,
 * whatever its value: a short password is no less a secret. A body cut at the cap (not JSON any more) has the
 * string values redacted as far as its `credentials` object goes.
 */
export function redactCredentials(text: string): string {
  if (!text.includes('"credentials"')) return text;
  try {
    const body = JSON.parse(text) as { credentials?: unknown };
    if (typeof body !== 'object' || body === null || body.credentials === undefined || body.credentials === null) return text;
    return JSON.stringify({ ...body, credentials: redactedCredentials(body.credentials) });
  } catch {
    return redactCredentialsText(text);
  }
}

/** Every value but `sslmode` and `port` hidden; credentials of the wrong shape (a string, a list) hidden whole. */
function redactedCredentials(credentials: unknown): unknown {
  if (Array.isArray(credentials)) return credentials.map(() => REDACTED_VALUE);
  if (typeof credentials !== 'object' || credentials === null) return REDACTED_VALUE;
  return Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, NOT_SECRET.has(field) ? value : REDACTED_VALUE]));
}

/** Credentials in text that is not JSON (cut short): every string value after `"credentials": {` up to its `}`. */
function redactCredentialsText(text: string): string {
  return text.replace(/("credentials"\s*:\s*\{)([^}]*)/g, (_, opening: string, members: string) =>
    opening + members.replace(/"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\s]+)/g, (member: string, field: string, colon: string) => (NOT_SECRET.has(field) ? member : `"${field}"${colon}${JSON.stringify(REDACTED_VALUE)}`)),
  );
}
