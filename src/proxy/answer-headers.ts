import type { IncomingHttpHeaders } from 'node:http';
import type { Violation } from '../traffic/traffic-validator.js';
import { isHopByHop } from './hop-by-hop.js';
import { PROXY_CORS_HEADERS } from './proxy-cors.js';
import { VALIDATION_HEADER, VIOLATIONS_HEADER, violationsHeader } from './violations-header.js';

export interface AnswerVerdictHeaders {
  /** Under the API's base path: the answer gets the proxy's CORS and verdict. */
  readonly covered: boolean;
  readonly violations: readonly Violation[];
  /** Why the body was not judged. */
  readonly notValidated?: string;
  /** The body's length, when it was read whole. */
  readonly length?: number;
}

/**
 * The headers an answer goes back with, as the flat name/value list Node writes cheapest: the target's end-to-end
 * headers, then (for an API answer) the proxy's CORS in place of the target's, and its verdict:
 * `x-flowyte-violations`, `x-flowyte-validation`. Headers the target sent under those names are dropped.
 */
export function answerHeaders(headers: IncomingHttpHeaders, verdict: AnswerVerdictHeaders): string[] {
  const named = headers.connection;
  const flat: string[] = [];
  let exposed: string | undefined;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || isHopByHop(name, named)) continue;
    if (name === 'content-length' && verdict.length !== undefined) continue;
    if (verdict.covered) {
      if (name === 'access-control-expose-headers') {
        exposed = String(value);
        continue;
      }
      if (name === 'access-control-allow-origin' || name === VIOLATIONS_HEADER || name === VALIDATION_HEADER) continue;
    }
    if (Array.isArray(value)) for (const one of value) flat.push(name, one);
    else flat.push(name, value);
  }
  if (verdict.length !== undefined) flat.push('content-length', String(verdict.length));
  if (verdict.covered) {
    const ours = PROXY_CORS_HEADERS['access-control-expose-headers']!;
    // `*` already exposes every header to a request without credentials; a list of the target's is kept.
    flat.push('access-control-allow-origin', '*', 'access-control-expose-headers', exposed === undefined ? ours : exposed === '*' ? '*' : `${ours}, ${exposed}`);
    if (verdict.violations.length) flat.push(VIOLATIONS_HEADER, violationsHeader(verdict.violations));
    if (verdict.notValidated) flat.push(VALIDATION_HEADER, `not-validated; ${verdict.notValidated}`);
  }
  return flat;
}
