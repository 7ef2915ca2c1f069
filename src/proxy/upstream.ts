import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';

export interface UpstreamRequest {
  readonly method: string;
  /** Path and query on the target's origin. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** A body read whole, or one streamed on as it arrives (the client's own stream, piped as it is). */
  readonly body?: Buffer | Readable | AsyncIterable<Buffer>;
  /** Cancels the exchange: the whole-exchange deadline of a judged one, or the client going away. */
  readonly signal: AbortSignal;
}

export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body, not yet read: the caller reads as far as it needs, and destroys or drains the rest. */
  readonly body: Dispatcher.ResponseData['body'];
}

/**
 * The target's side of the proxy: one keep-alive pool of connections to its origin (undici), the answer's head and
 * each read of its body bounded by the time limit; a judged exchange's whole deadline is the caller's signal.
 */
export class Upstream {
  private readonly pool: Pool;

  constructor(origin: string, timeoutMs: number) {
    this.pool = new Pool(origin, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs }, keepAliveTimeout: 4_000 });
  }

  async send(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const answer = await this.pool.request({
      method: request.method as Dispatcher.HttpMethod,
      path: request.path,
      headers: request.headers as IncomingHttpHeaders,
      body: request.body === undefined || Buffer.isBuffer(request.body) || request.body instanceof Readable ? request.body : Readable.from(request.body, { objectMode: false }),
      signal: request.signal,
    });
    return { status: answer.statusCode, headers: answer.headers, body: answer.body };
  }

  /** Drops every connection, exchanges under way included: the proxy is stopping. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
