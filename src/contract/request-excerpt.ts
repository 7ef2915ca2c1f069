import type { SentRequest } from './exchange.js';

/** How much of a request body a report (and a kept run) holds: a 1 MiB probe is shown, not kept whole. */
export const BODY_EXCERPT_CHARS = 8 * 1024;

/**
 * The request with a body over the excerpt size shown in part. A body padded with leading spaces (the
 * body-limit probes) keeps its content and the padding's length, from which a curl command rebuilds it
 * exactly; any other long body keeps its first characters and its whole size.
 */
export function excerptRequest(request: SentRequest): SentRequest {
  const { body } = request;
  if (body === undefined || body.length <= BODY_EXCERPT_CHARS || request.bodyBytes !== undefined) return request;
  const bodyBytes = Buffer.byteLength(body);
  const content = body.trimStart();
  if (content.length <= BODY_EXCERPT_CHARS && /^ *$/.test(body.slice(0, body.length - content.length))) {
    return { ...request, body: detached(content), bodyBytes, padding: body.length - content.length };
  }
  return { ...request, body: detached(body.slice(0, BODY_EXCERPT_CHARS)), bodyBytes };
}

/** A copy of its own: a slice would keep the whole body alive (V8 sliced strings). */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
