import type { IncomingHttpHeaders } from 'node:http';
import type { Violation } from '../traffic/traffic-validator.js';
import { isHopByHop } from './hop-by-hop.js';
import { PROXY_CORS_HEADERS } from './proxy-cors.js';
import { VALIDATION_HEADER, VIOLATIONS_HEADER, violationsHeader } from './violations-header.js';

export interface AnswerVerdictHeaders {
  /** Under the API's base path: the answer gets the proxy's CORS (it answered the preflight) and its verdict. */
  readonly covered: boolean;
  readonly violations: readonly Violation[];
  /** Why the body was not judged. */
  readonly notValidated?: string;
  /** The body's length, when it was read whole (never for a status that has no body). */
  readonly length?: number;
}

/** Statuses that never carry content, whose Content-Length the proxy must not make up (RFC 9110 §8.6, §15.4.5). */
export const isBodiless = (status: number) => status < 200 || status === 204 || status === 304;

/** Headers of the target's CORS that the proxy's replace on an API answer. */
const REPLACED_CORS = new Set(['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', VIOLATIONS_HEADER, VALIDATION_HEADER]);

/**
 * The headers an answer goes back with, as the flat name/value list Node writes cheapest: the target's end-to-end
 * headers, then (for an API answer) the proxy's CORS in place of the target's, and its verdict:
 * `x-flowyte-violations`, `x-flowyte-validation`. Headers the target sent under those names are dropped.
 */
export function answerHeaders(headers: IncomingHttpHeaders, verdict: AnswerVerdictHeaders): string[] {
  const named = headers.connection;
  const flat: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || isHopByHop(name, named)) continue;
    if (name === 'content-length' && verdict.length !== undefined) continue;
    // `Access-Control-Allow-Credentials: true` beside `Allow-Origin: *` is refused by every browser: the target's
    // goes with its own Allow-Origin.
    if (verdict.covered && REPLACED_CORS.has(name)) continue;
    if (Array.isArray(value)) for (const one of value) flat.push(name, one);
    else flat.push(name, value);
  }
  if (verdict.length !== undefined) flat.push('content-length', String(verdict.length));
  if (verdict.covered) {
    flat.push('access-control-allow-origin', '*', 'access-control-expose-headers', exposedHeaders(headers['access-control-expose-headers']));
    if (verdict.violations.length) flat.push(VIOLATIONS_HEADER, violationsHeader(verdict.violations));
    if (verdict.notValidated) flat.push(VALIDATION_HEADER, `not-validated; ${verdict.notValidated}`);
  }
  return flat;
}

/**
 * The proxy's exposed headers and the target's, each named once (a target that is the mock sends the same list).
 * `*` already exposes every header to a request without credentials.
 */
function exposedHeaders(target: string | string[] | undefined): string {
  const ours = PROXY_CORS_HEADERS['access-control-expose-headers']!;
  if (target === undefined) return ours;
  const theirs = (Array.isArray(target) ? target.join(',') : target).split(',').map((name) => name.trim()).filter(Boolean);
  if (theirs.includes('*')) return '*';
  const names = ours.split(',').map((name) => name.trim());
  const known = new Set(names.map((name) => name.toLowerCase()));
  for (const name of theirs) {
    if (known.has(name.toLowerCase())) continue;
    known.add(name.toLowerCase());
    names.push(name);
  }
  return names.join(', ');
}
