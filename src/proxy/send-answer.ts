import type { ServerResponse } from 'node:http';
import type { MockResponse } from '../mock/types.js';

/** An answer the proxy makes up itself (a refusal, a preflight, a problem), with the headers given on top. */
export function sendAnswer(res: ServerResponse, response: MockResponse, extra: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { ...response.headers, ...extra, 'content-length': String(Buffer.byteLength(response.body)) });
  res.end(response.body);
}
