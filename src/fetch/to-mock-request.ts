import type { MockRequest } from '../mock/types.js';

/**
 * A fetch Request as the core sees it. A browser's Request carries no Host header (it is the URL's), so the
 * URL's host stands in: the OAuth consent link then points at the origin the app called.
 */
export async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.host ??= url.host;
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  return { method: request.method, url: `${url.pathname}${url.search}`, headers, body: body?.length ? body : undefined };
}
