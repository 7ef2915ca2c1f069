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

/** Whether `Accept` prefers `application/json` to `application/problem+json` (q-values honoured; ties go to problem+json). */
function prefersEnvelope(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? 1);
    quality.set(type!, Number.isFinite(q) ? q : 0);
  }
  const json = quality.get('application/json') ?? 0;
  return json > 0 && json > (quality.get('application/problem+json') ?? 0);
}

export function htmlResponse(status: number, html: string): MockResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: html };
}
