import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CORS_HEADERS } from './cors.js';
import { createHostGuard } from './host-guard.js';
import { problem } from './problems.js';
import { problemResponse } from './render.js';
import type { MockCore } from './core.js';
import { keyNameOf, problemCodeOf } from './served-details.js';
import { MAX_BODY_BYTES, type MockResponse } from './types.js';

export interface ServedRequest {
  readonly method: string;
  /** The path without its query string: queries and bodies are never logged. */
  readonly path: string;
  /** 0 when the connection was dropped without an answer. */
  readonly status: number;
  /** From arrival to the last byte written, simulated delay included. */
  readonly durationMs: number;
  /** The `code` of a problem+json answer. */
  readonly code?: string;
  /** The name of the key the request carried, when the mock knows it; never the token. */
  readonly keyName?: string;
  /** A CORS preflight (OPTIONS with Access-Control-Request-Method). */
  readonly preflight?: boolean;
  /** Closed without an answer: a simulated network fault. */
  readonly dropped?: boolean;
  /** What a condition simulated (`Prefer code=429`, `fault 429`). */
  readonly simulated?: string;
}

export interface MockServerOptions {
  /** Told of every request once answered (or dropped): what the request log is made of. */
  readonly onServed?: (served: ServedRequest) => void;
  /**
   * The DNS-rebinding guard (see host-guard.ts): the `--host` the server listens on and the extra names it is
   * served under (`--allowed-host`). On by default; `false` answers every Host.
   */
  readonly hostGuard?: { readonly listenHost?: string; readonly allowedHosts?: readonly string[] } | false;
}

/** The one place `node:http` meets the mock: bytes in, the core's answer out. */
export function createMockServer(core: MockCore, options: MockServerOptions | ((served: ServedRequest) => void) = {}): Server {
  const { onServed, hostGuard } = typeof options === 'function' ? { onServed: options, hostGuard: undefined } : options;
  const refusedHost = hostGuard === false ? undefined : createHostGuard(hostGuard);
  // No Host is no reason to refuse a local mock (HTTP/1.0 tools send none); absolute URLs fall back to --host.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const started = onServed ? performance.now() : 0;
    readBody(req, (body, overLimit) => {
      const response = answer(core, req, body, refusedHost);
      // An unread remainder of an oversized body would be parsed as the next request: close instead.
      if (overLimit) response.headers.connection = 'close';
      const served = () => onServed?.(describe(core, req, response, performance.now() - started));
      if (!response.delayMs) return send(req, res, response, served);
      // Simulated latency: the answer waits, but a client that gives up frees the timer at once.
      const timer = setTimeout(() => send(req, res, response, served), response.delayMs);
      timer.unref();
      res.on('close', () => clearTimeout(timer));
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

function answer(core: MockCore, req: IncomingMessage, body: Uint8Array | undefined, refusedHost: ReturnType<typeof createHostGuard> | undefined): MockResponse {
  const path = (req.url ?? '').split('?')[0]!;
  try {
    const refusal = refusedHost?.(req.headers.host);
    if (refusal) return withCors(problemResponse(refusal, path, req.headers.accept));
    return core.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string>, body });
  } catch {
    // A bug of ours: answer like the API would, never with a stack trace.
    return withCors(problemResponse(problem('internal_error', 'The mock failed on this request.'), path, undefined));
  }
}

function withCors(response: MockResponse): MockResponse {
  Object.assign(response.headers, CORS_HEADERS);
  return response;
}

function send(req: IncomingMessage, res: ServerResponse, response: MockResponse, served: () => void): void {
  if (res.destroyed) return; // the client left during a simulated delay
  // A simulated dropped connection: no status line, no bytes, just the end of the connection.
  if (response.drop) req.socket.destroy();
  else write(res, response);
  served();
}

/** What the log shows of a request: the details beyond method, path and status cost only when someone listens. */
function describe(core: MockCore, req: IncomingMessage, response: MockResponse, durationMs: number): ServedRequest {
  return {
    method: req.method ?? '',
    path: (req.url ?? '').split('?')[0]!,
    status: response.status,
    durationMs,
    code: problemCodeOf(response),
    keyName: keyNameOf(core.store, req.headers.authorization),
    preflight: req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined,
    dropped: response.drop === true,
    simulated: response.simulated,
  };
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
