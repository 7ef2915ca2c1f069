import { BODY_EXCERPT_CHARS } from '../contract/request-excerpt.js';
import { REDACTED_VALUE, PLAIN_CREDENTIAL_FIELDS } from './har.js';
import { redactMembers } from './lenient-members.js';
import { jsonOrUndefined } from '../json-or-undefined.js';

/**
 * What a report shows of a recorded request's text, and the secret values that text carries. A devtools HAR holds
 * keys and credentials in clear, in bodies that are JSON, form-encoded, cut short or neither: each is redacted by
 * its structure where it has one, by a lenient scan of its members where it is JSON no longer, and hidden whole
 * where neither can be sure. (src/proxy/redaction.ts redacts a recording's `credentials` as the proxy writes it; a
 * report must also hide secret members outside `credentials`, form fields and query parameters.)
 */

/** JSON members whose value is a secret wherever they appear (a body's `credentials` is hidden whole besides). */
const SECRET_MEMBER = /^(?:api[-_]?key|pass(?:word|wd)?|pwd|(?:client[-_]?)?secret|(?:access|refresh|id|auth|bearer)?[-_]?token|ca[-_]?pem|private[-_]?key)$/i;
/** Query and form parameters whose value is a secret: the members' names, and the usual ones of URLs. */
const SECRET_PARAMETER = /^(?:key|code|auth|authorization|sig|signature|session(?:[-_]?id)?|sid|jwt)$/i;
/** Words that, left in a body no structure could be read from, mean it may still carry a secret. */
const SENSITIVE_WORD = /credential|pass(?:word|wd)|secret|token|api[-_]?key|ca[-_]?pem|private[-_]?key|authorization|bearer/i;

/** What a report shows in place of a body it cannot redact for certain. */
export const HIDDEN_BODY = '(body hidden: it carries credentials the report cannot redact for certain)';

const REDACTED_JSON = JSON.stringify(REDACTED_VALUE);
const REDACTED_PARAMETER = encodeURIComponent(REDACTED_VALUE);
/** Past this depth a JSON value is hidden whole: no legitimate request nests deeper, and recursion stays bounded. */
const MAX_DEPTH = 64;

/** The body as a report shows it: secrets redacted, cut to its excerpt (`bodyBytes`: the whole size, when cut). */
export function reportedBody(text: string, contentType: string | undefined): { readonly body: string; readonly bodyBytes?: number } {
  const redacted = redactBody(text, contentType);
  if (redacted.length <= BODY_EXCERPT_CHARS) return { body: redacted };
  // A copy of its own: a slice would keep the whole body alive (V8 sliced strings).
  return { body: Buffer.from(redacted.slice(0, BODY_EXCERPT_CHARS), 'utf8').toString('utf8'), bodyBytes: Buffer.byteLength(text) };
}

/** A request body with its secrets redacted: by structure (JSON, form), by a lenient scan, or hidden whole. */
export function redactBody(text: string, contentType: string | undefined): string {
  const json = jsonOrUndefined(text);
  if (json !== undefined) {
    const redacted = redactedJson(json, 0);
    return redacted.changed ? JSON.stringify(redacted.value) : text;
  }
  if (isForm(text, contentType)) return redactParameters(text);
  if (!SENSITIVE_WORD.test(text)) return text;
  const { text: redacted, left } = scanMembers(text);
  return SENSITIVE_WORD.test(left) ? HIDDEN_BODY : redacted;
}

/** A path and query with the value of every secret parameter (`?access_token=…`) redacted. */
export function redactQuery(pathAndQuery: string): string {
  const at = pathAndQuery.indexOf('?');
  return at === -1 ? pathAndQuery : `${pathAndQuery.slice(0, at)}?${redactParameters(pathAndQuery.slice(at + 1))}`;
}

/**
 * The secret values a request's query and body carry, of any length, numbers as their text: every value under
 * `credentials` (nested ones too; `sslmode` and `port` aside), and the values of secret members and parameters.
 */
export function secretValuesOf(pathAndQuery: string, body: string | undefined, contentType: string | undefined): string[] {
  const at = pathAndQuery.indexOf('?');
  const values = at === -1 ? [] : secretParameters(pathAndQuery.slice(at + 1));
  if (body === undefined || body === '') return values;
  const json = jsonOrUndefined(body);
  if (json !== undefined) collectJson(json, false, 0, values);
  else if (isForm(body, contentType)) values.push(...secretParameters(body));
  else if (SENSITIVE_WORD.test(body)) values.push(...scanMembers(body).values);
  return values.filter((value) => value !== REDACTED_VALUE && value !== '');
}

/** The lenient scan, with the members a report hides: secret ones, and every field of `credentials` but two. */
function scanMembers(text: string) {
  return redactMembers(text, (name, inCredentials) => (inCredentials ? !PLAIN_CREDENTIAL_FIELDS.has(name) : name === 'credentials' || SECRET_MEMBER.test(name)), REDACTED_JSON);
}

/** A JSON value with every secret member, and every member of a `credentials` object but `sslmode` and `port`, replaced. */
function redactedJson(value: unknown, depth: number): { value: unknown; changed: boolean } {
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  if (depth > MAX_DEPTH) return { value: REDACTED_VALUE, changed: true };
  if (Array.isArray(value)) {
    const items = value.map((item) => redactedJson(item, depth + 1));
    return { value: items.map((item) => item.value), changed: items.some((item) => item.changed) };
  }
  let changed = false;
  const members = Object.entries(value).map(([name, member]): [string, unknown] => {
    if (name === 'credentials') {
      changed = true;
      return [name, redactedCredentials(member)];
    }
    if (SECRET_MEMBER.test(name) && member !== null) {
      changed = true;
      return [name, REDACTED_VALUE];
    }
    const inner = redactedJson(member, depth + 1);
    changed ||= inner.changed;
    return [name, inner.value];
  });
  return { value: Object.fromEntries(members), changed };
}

/** Every field hidden whole but `sslmode` and `port`; credentials of another shape (a string, a list) hidden whole. */
function redactedCredentials(credentials: unknown): unknown {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) return credentials === null ? null : REDACTED_VALUE;
  return Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, PLAIN_CREDENTIAL_FIELDS.has(field) ? value : REDACTED_VALUE]));
}

function collectJson(value: unknown, secret: boolean, depth: number, into: string[]): void {
  if (typeof value === 'string' || typeof value === 'number') {
    if (secret) into.push(String(value));
    return;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectJson(item, secret, depth + 1, into);
    return;
  }
  for (const [name, member] of Object.entries(value)) {
    if (name === 'credentials' && !secret && typeof member === 'object' && member !== null && !Array.isArray(member)) {
      for (const [field, inner] of Object.entries(member)) if (!PLAIN_CREDENTIAL_FIELDS.has(field)) collectJson(inner, true, depth + 2, into);
    } else collectJson(member, secret || name === 'credentials' || SECRET_MEMBER.test(name), depth + 1, into);
  }
}

/** `a=1&b=2` with nothing else: a form body (or a query) whatever its declared type. */
function isForm(text: string, contentType: string | undefined): boolean {
  return /x-www-form-urlencoded/i.test(contentType ?? '') || /^[^\s={}"&]+=[^\s&]*(?:&[^\s=&]+=[^\s&]*)*$/.test(text);
}

/** A parameter's name as the receiver reads it: `credentials[password]`, `credentials.password` name a credential. */
function isSecretParameter(rawName: string): boolean {
  const name = decode(rawName);
  const credential = /^credentials(?:\[([^\]]*)\]|\.(.*))/.exec(name);
  if (credential) return !PLAIN_CREDENTIAL_FIELDS.has(credential[1] ?? credential[2] ?? '');
  return name === 'credentials' || SECRET_MEMBER.test(name) || SECRET_PARAMETER.test(name);
}

/** `a=1&token=x` → `a=1&token=%5BREDACTED%5D`: the other parameters as they were written. */
function redactParameters(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals !== -1 && isSecretParameter(pair.slice(0, equals)) ? `${pair.slice(0, equals)}=${REDACTED_PARAMETER}` : pair;
    })
    .join('&');
}

function secretParameters(query: string): string[] {
  return query.split('&').flatMap((pair) => {
    const equals = pair.indexOf('=');
    return equals !== -1 && isSecretParameter(pair.slice(0, equals)) ? [decode(pair.slice(equals + 1))] : [];
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
