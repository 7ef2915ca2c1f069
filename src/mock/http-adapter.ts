import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CORS_HEADERS } from './cors.js';
import { problem } from './problems.js';
import { problemResponse } from './render.js';
import type { MockCore } from './core.js';
import { MAX_BODY_BYTES, type MockResponse } from './types.js';

export interface ServedRequest {
  readonly method: string;
  /** The path without its query string: queries and bodies are never logged. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}

/** The one place `node:http` meets the mock: bytes in, the core's answer out. */
export function createMockServer(core: MockCore, onServed?: (served: ServedRequest) => void): Server {
  // No Host is no reason to refuse a local mock (HTTP/1.0 tools send none); absolute URLs fall back to --host.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const started = onServed ? performance.now() : 0;
    readBody(req, (body, overLimit) => {
      let response: MockResponse;
      try {
        response = core.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string>, body });
      } catch {
        // A bug of ours: answer like the API would, never with a stack trace.
        response = problemResponse(problem('internal_error', 'The mock failed on this request.'), (req.url ?? '').split('?')[0]!, undefined);
        Object.assign(response.headers, CORS_HEADERS);
      }
      // An unread remainder of an oversized body would be parsed as the next request: close instead.
      if (overLimit) response.headers.connection = 'close';
      write(res, response);
      onServed?.({ method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, status: response.status, durationMs: performance.now() - started });
    });
  });
  // Requests Node's parser refuses (no Host on HTTP/1.1, an unknown method, oversized headers) get a
  // problem+json too, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const answer = problemResponse(problem(status === 431 ? 'headers_too_large' : 'malformed_request', 'The HTTP request could not be parsed.'), '', undefined);
    const headers = { ...answer.headers, ...CORS_HEADERS, 'content-length': String(Buffer.byteLength(answer.body)), connection: 'close' };
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${answer.body}`);
  });
  return server;
}

/** Collects the body, stopping one byte past the limit so that the core can answer 413 without buffering more. */
function readBody(req: IncomingMessage, done: (body: Uint8Array | undefined, overLimit: boolean) => void): void {
  // Most requests carry no body: answer at once (Node discards whatever a client sends unannounced).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return done(undefined, false);
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (overLimit: boolean) => {
    if (finished) return;
    finished = true;
    done(size === 0 ? undefined : Buffer.concat(chunks, size), overLimit);
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    const room = MAX_BODY_BYTES + 1 - size;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.length, room);
    if (size > MAX_BODY_BYTES) finish(true);
  });
  req.on('end', () => finish(false));
  req.on('error', () => finish(true));
}

function write(res: ServerResponse, response: MockResponse): void {
  // A flat name/value list is the cheapest form of headers for Node; an explicit length spares the chunked framing.
  const headers: string[] = ['content-length', String(Buffer.byteLength(response.body))];
  for (const name in response.headers) headers.push(name, response.headers[name]!);
  res.writeHead(response.status, headers);
  res.end(response.body);
}
