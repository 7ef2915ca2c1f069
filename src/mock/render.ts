import type { Problem } from './problems.js';
import type { MockResponse } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/**
 * A problem as RFC 9457 problem+json, or — for a 400, where the contract also declares the `application/json`
 * envelope — as `{success: false, message, errors}` when the client asks for `application/json` and not
 * for problem+json.
 */
export function problemResponse(problem: Problem, instance: string, accept: string | undefined): MockResponse {
  const headers = { ...problem.headers };
  if (problem.status === 400 && prefersEnvelope(accept)) {
    return jsonResponse(400, { success: false, message: problem.detail, errors: problem.errors ?? [] }, headers);
  }
  const body = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    code: problem.code,
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...problem.extensions,
  };
  return { status: problem.status, headers: { 'content-type': PROBLEM_TYPE, ...headers }, body: JSON.stringify(body) };
}

function prefersEnvelope(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  return types.includes('application/json') && !types.includes('application/problem+json');
}

export function htmlResponse(status: number, html: string): MockResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: html };
}
