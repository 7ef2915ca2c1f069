import type { MockResponse } from '../mock/types.js';

// Statuses whose Response may not have a body (the constructor throws on one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The core's answer as a fetch Response; a HEAD request's answer has no body, as on the wire. */
export function toResponse(answer: MockResponse, method: string): Response {
  const body = NULL_BODY_STATUSES.has(answer.status) || method === 'HEAD' ? null : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
