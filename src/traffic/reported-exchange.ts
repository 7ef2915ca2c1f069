import { keyVariable } from '../contract/curl.js';
import type { SentRequest } from '../contract/exchange.js';
import { EXCERPT_CHARS } from '../contract/findings.js';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE } from './har.js';
import { redactQuery, reportedBody, secretValuesOf } from './redact-text.js';
import type { ObservedRequest, ObservedResponse } from './traffic-validator.js';

/** What a report keeps of a recorded answer: status, headers and the start of the body. */
export interface ReportedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyExcerpt: string;
  /** The excerpt is the start of a longer body: its end may cut a secret in half. */
  readonly excerptCut: boolean;
}

/**
 * The request headers a report shows: those that shape the answer. The rest of a browser's (cookies, `x-api-key`, a
 * session's own `x-csrf-token`, tracing ids) may carry secrets a report cannot tell from the others, and curl sets
 * its own `host` and lengths. `authorization` is shown as the variable of its key's fingerprint.
 */
const SHOWN_HEADERS = ['accept', 'accept-language', 'content-type', 'prefer', 'if-none-match', 'if-modified-since', 'origin'];
/** Headers that carry a key whatever their value looks like. */
const KEY_HEADERS = ['authorization', 'proxy-authorization', 'x-api-key'];
/** A cookie value shorter than this is too common to mask wherever it appears (the header itself is never shown). */
const SHORTEST_COOKIE = 8;

/**
 * A recorded request as a report shows it: path below the base URL with secret query parameters redacted, the
 * headers of SHOWN_HEADERS, the key as `Bearer $FLOWYTE_KEY_<FINGERPRINT>` (the first 12 hex of its SHA-256, as the
 * proxy's recordings name it), the body's secrets redacted (redact-text.ts) and cut to its excerpt. A browser's HAR
 * holds all of these in clear: none reaches a report. Known values found elsewhere are masked when the report is built.
 */
export function reportedRequest(request: ObservedRequest, belowBase: string): SentRequest {
  const headers: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) if (request.headers[name] !== undefined) headers[name] = request.headers[name]!;
  const fingerprint = request.headers.authorization === undefined ? undefined : fingerprintOf(request.headers.authorization);
  if (fingerprint) headers.authorization = `Bearer $${keyVariable(fingerprint)}`;
  const body = request.body?.length ? reportedBody(Buffer.from(request.body).toString('utf8'), request.headers['content-type']) : undefined;
  return { method: request.method, path: redactQuery(belowBase), headers, ...body, ...(fingerprint ? { keyName: fingerprint } : {}) };
}

/** The answer as a report keeps it; cookies it sets are secrets and shown redacted, a `location`'s secret parameters too. */
export function reportedResponse(response: ObservedResponse): ReportedResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, name === 'set-cookie' ? REDACTED_VALUE : name === 'location' ? redactQuery(value) : value]));
  if (response.bodyNotRead) return { status: response.status, headers, bodyExcerpt: '', excerptCut: false };
  // Decoded from the excerpt's bytes alone: a whole body is not copied to keep 2,000 characters of it.
  const decoded = Buffer.from(response.body.subarray(0, EXCERPT_CHARS * 4)).toString('utf8');
  return { status: response.status, headers, bodyExcerpt: decoded.slice(0, EXCERPT_CHARS), excerptCut: decoded.length > EXCERPT_CHARS || response.body.length > EXCERPT_CHARS * 4 };
}

/**
 * The values a report must not show, of any length: the keys of the key headers, long cookie values, the values of
 * secret query parameters, and the body's credentials and secret members (read even where the contract refuses the
 * request). The caller adds the validator's own reading of the credentials.
 */
export function secretsIn(request: ObservedRequest): string[] {
  const keys = KEY_HEADERS.flatMap((name) => {
    const value = request.headers[name]?.trim();
    return value && !value.startsWith(REDACTED_KEY_PREFIX) ? [tokenOf(value)] : [];
  });
  const cookies = (request.headers.cookie ?? '').split(';').flatMap((pair) => {
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    return pair.includes('=') && value.length >= SHORTEST_COOKIE ? [value] : [];
  });
  const body = request.body?.length ? Buffer.from(request.body).toString('utf8') : undefined;
  return [...keys, ...cookies, ...secretValuesOf(request.url, body, request.headers['content-type'])];
}

/** The fingerprint that names the key: read from the proxy's redaction, or computed from a key in clear. */
function fingerprintOf(authorization: string): string {
  const value = authorization.trim();
  if (!value.startsWith(REDACTED_KEY_PREFIX)) return keyFingerprint(tokenOf(value));
  // Anything but a fingerprint after the marker (a file edited by hand) is fingerprinted in turn, never shown.
  const recorded = value.slice(REDACTED_KEY_PREFIX.length).trim();
  return /^[0-9a-f]{12}$/.test(recorded) ? recorded : keyFingerprint(recorded);
}

const tokenOf = (authorization: string) => /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? authorization;
