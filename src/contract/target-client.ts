import { Agent, request as undiciRequest } from 'undici';
import type { Exchange, ReceivedResponse, SentRequest } from './exchange.js';
import { Semaphore } from './semaphore.js';
import { faultKindOf, TransportFault } from './transport-fault.js';
import { jsonOrUndefined } from '../json-or-undefined.js';

export interface OutgoingRequest {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The Authorization header to send as it is (suites also send broken ones); undefined sends none. */
  readonly authorization?: string;
  readonly keyName?: string;
  /** A JSON value to send as `application/json`. */
  readonly json?: unknown;
  /** A raw body and its content type, for malformed and wrongly typed bodies. */
  readonly raw?: { readonly body: string; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

/** What every request to the API accepts: the success envelope and problem+json. */
export const API_ACCEPT = 'application/json, application/problem+json';

export interface ClientLimits {
  /** The whole exchange (connect, head and body) must end within this many milliseconds. */
  readonly timeoutMs: number;
  /** Bodies are read up to this many bytes; the rest is never buffered. */
  readonly maxBodyBytes: number;
  /** At most this many requests under way at once (each may hold a body up to the cap); unbounded when omitted. */
  readonly maxInFlight?: number;
}

export const DEFAULT_LIMITS: ClientLimits = { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 };

/**
 * Sends requests to the implementation under test; each answer comes back as an exchange. Every read is
 * bounded (a deadline per request, a body cap) and reachable by the run's abort signal; a request that gets
 * no whole HTTP answer throws a TransportFault, never a bare network error.
 */
export class TargetClient {
  private readonly agent: Agent;
  private readonly inFlight: Semaphore | undefined;

  constructor(
    readonly baseUrl: string,
    readonly limits: ClientLimits = DEFAULT_LIMITS,
    private readonly runSignal?: AbortSignal,
  ) {
    this.agent = new Agent({ keepAliveTimeout: 4_000, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs });
    this.inFlight = limits.maxInFlight ? new Semaphore(limits.maxInFlight) : undefined;
  }

  /**
   * Sends one request. `cleanUpMs` marks a clean-up request: the run's signal does not reach it (clean-up goes
   * on after a stop), and it gets that time limit instead of the run's.
   */
  async send(request: OutgoingRequest, cleanUpMs?: number): Promise<Exchange> {
    const signal = cleanUpMs === undefined ? this.runSignal : undefined;
    const timeoutMs = cleanUpMs ?? this.limits.timeoutMs;
    const headers: Record<string, string> = { accept: API_ACCEPT, ...request.headers };
    if (request.authorization !== undefined) headers.authorization = request.authorization;
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.raw) {
      body = request.raw.body;
      headers['content-type'] = request.raw.contentType;
    }
    const sent: SentRequest = { method: request.method, path: request.path, headers, body, keyName: request.keyName };
    let response = await this.exchange(this.baseUrl + sent.path, sent, request.operationId, signal, timeoutMs);
    // The API is rate-limited per organization and asks clients to honour Retry-After: a 429 is waited out
    // (a few times, a few seconds at most) rather than judged.
    for (let retry = 0; response.status === 429 && retry < MAX_RETRIES; retry++) {
      await sleep(retryDelayMs(response.headers['retry-after'], retry), signal);
      response = await this.exchange(this.baseUrl + sent.path, sent, request.operationId, signal, timeoutMs);
    }
    return { operationId: request.operationId, request: sent, response };
  }

  /** A request to a URL outside the API (such as an OAuth consent page), bounded alike; not an exchange. */
  async raw(url: string, sent: Omit<SentRequest, 'path'>): Promise<ReceivedResponse> {
    return this.exchange(url, { ...sent, path: new URL(url).pathname }, '(outside the API)', this.runSignal, this.limits.timeoutMs);
  }

  /** Lets go of the kept-alive connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private async exchange(url: string, sent: SentRequest, operationId: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<ReceivedResponse> {
    await this.inFlight?.acquire();
    try {
      // The time limit starts here, once the request may go: waiting for a place is no part of it.
      return await this.exchangeNow(url, sent, operationId, signal, timeoutMs);
    } finally {
      this.inFlight?.release();
    }
  }

  private async exchangeNow(url: string, sent: SentRequest, operationId: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<ReceivedResponse> {
    // One controller per exchange, let go of at its end (AbortSignal.any would tie every exchange's signal to
    // the run's for as long as the run lasts, and with it whatever its listeners hold).
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    const onStop = () => abort.abort();
    if (signal?.aborted) abort.abort();
    signal?.addEventListener('abort', onStop, { once: true });
    let gotHead = false;
    try {
      const answer = await undiciRequest(url, { method: sent.method as 'GET', headers: sent.headers, body: sent.body, signal: abort.signal, dispatcher: this.agent });
      gotHead = true;
      const body = await readCapped(answer.body, this.limits.maxBodyBytes);
      const headers = flatHeaders(answer.headers);
      if (body.truncated) return { status: answer.statusCode, headers, text: body.bytes.subarray(0, TRUNCATED_TEXT_BYTES).toString('utf8'), json: undefined, truncated: true, bytes: body.bytes };
      const text = body.bytes.toString('utf8');
      return { status: answer.statusCode, headers, text, json: jsonOrUndefined(text) };
    } catch (error) {
      const kind = faultKindOf(error, gotHead, timedOut, signal?.aborted === true && !timedOut);
      const detail = kind === 'timeout' ? `no whole answer within ${timeoutMs} ms` : describe(error);
      throw new TransportFault(kind, detail, sent, operationId);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onStop);
    }
  }
}

const MAX_RETRIES = 3;

/** How much of a truncated body becomes text: more than a report's excerpt shows. */
const TRUNCATED_TEXT_BYTES = 4096;

/** Reads a body up to `cap` bytes; past it the body is destroyed (the connection is dropped, not drained). */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      body.destroy();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || String(error);
}

function retryDelayMs(retryAfter: string | undefined, retry: number): number {
  const seconds = Number(retryAfter);
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 250 * 2 ** retry, 5000);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
