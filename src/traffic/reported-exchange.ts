import { redactRequest } from '../contract/curl.js';
import type { SentRequest } from '../contract/exchange.js';
import { EXCERPT_CHARS } from '../contract/findings.js';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE } from './har.js';
import type { ObservedRequest, ObservedResponse } from './traffic-validator.js';

/** What a report keeps of a recorded answer: status, headers and the start of the body. */
export interface ReportedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyExcerpt: string;
}

/**
 * Headers a report leaves out of a recorded request: the ones curl sets itself, an encoding that would make curl
 * print compressed bytes, and cookies (a browser's session, a secret the API does not read).
 */
const LEFT_OUT = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'cookie', 'proxy-authorization']);
/** Credential fields that are no secret (as the validator reads them). */
const NOT_SECRET = new Set(['sslmode', 'port']);

/**
 * A recorded request as a report shows it: path below the base URL, the key replaced by `$FLOWYTE_KEY_<fingerprint>`
 * (the first 12 hex of its SHA-256, as the proxy's recordings name it), every credential field of the body replaced
 * by REDACTED_VALUE, a long body cut to its excerpt. A browser's HAR holds all of these in clear: none reaches a report.
 */
export function reportedRequest(request: ObservedRequest, belowBase: string): SentRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !LEFT_OUT.has(name)) headers[name] = value;
  const keyName = headers.authorization === undefined ? undefined : fingerprintOf(headers.authorization);
  const body = request.body?.length ? credentialsRedacted(Buffer.from(request.body).toString('utf8')) : undefined;
  return redactRequest({ method: request.method, path: belowBase, headers, ...(body === undefined ? {} : { body }), ...(keyName ? { keyName } : {}) });
}

/** The answer as a report keeps it; cookies it sets are secrets and shown redacted. */
export function reportedResponse(response: ObservedResponse): ReportedResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, name === 'set-cookie' ? REDACTED_VALUE : value]));
  // Decoded from the excerpt's bytes alone: a whole body is not copied to keep 2,000 characters of it.
  const text = response.bodyNotRead ? '' : Buffer.from(response.body.subarray(0, EXCERPT_CHARS * 4)).toString('utf8').slice(0, EXCERPT_CHARS);
  return { status: response.status, headers, bodyExcerpt: text };
}

/** The strings a report must not show: the key of an Authorization header, and credential values of a body. */
export function secretsIn(request: ObservedRequest): string[] {
  const authorization = request.headers.authorization?.trim();
  const key = authorization && !authorization.startsWith(REDACTED_KEY_PREFIX) ? tokenOf(authorization) : undefined;
  const credentials = credentialsOf(request.body?.length ? parseJson(Buffer.from(request.body).toString('utf8')) : undefined);
  const values = Object.entries(credentials ?? {}).flatMap(([field, value]) => (typeof value === 'string' && !NOT_SECRET.has(field) && value !== REDACTED_VALUE ? [value] : []));
  // Shorter values are too common to mask everywhere in an excerpt (their fields are redacted in the request anyway).
  return [...(key ? [key] : []), ...values].filter((secret) => secret.length >= SHORTEST_MASKED);
}

const SHORTEST_MASKED = 8;

/** `Bearer $FLOWYTE_KEY_<FP>` in curl: the fingerprint names the key without giving it away. */
function fingerprintOf(authorization: string): string {
  const value = authorization.trim();
  return value.startsWith(REDACTED_KEY_PREFIX) ? value.slice(REDACTED_KEY_PREFIX.length) : keyFingerprint(tokenOf(value));
}

const tokenOf = (authorization: string) => /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? authorization;

/** The body with every string of its `credentials` object replaced, but the fields that are no secret. */
function credentialsRedacted(text: string): string {
  const body = parseJson(text);
  const credentials = credentialsOf(body);
  if (!credentials) return text;
  const redacted = Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, typeof value === 'string' && !NOT_SECRET.has(field) ? REDACTED_VALUE : value]));
  return JSON.stringify({ ...(body as object), credentials: redacted });
}

function credentialsOf(body: unknown): Record<string, unknown> | undefined {
  const credentials = (body as { credentials?: unknown } | undefined)?.credentials;
  return typeof credentials === 'object' && credentials !== null && !Array.isArray(credentials) ? (credentials as Record<string, unknown>) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
