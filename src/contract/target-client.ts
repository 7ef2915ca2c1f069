import { ToolError } from '../tool-errors.js';
import type { Exchange, ReceivedResponse, SentRequest } from './exchange.js';

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

/** Sends requests to the implementation under test; each answer comes back as an exchange. */
export class TargetClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(request: OutgoingRequest): Promise<Exchange> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...request.headers };
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
    let response = await this.fetch(sent);
    // The API is rate-limited per organization and asks clients to honour Retry-After: a 429 is waited out
    // (a few times, a few seconds at most) rather than judged.
    for (let retry = 0; response.status === 429 && retry < MAX_RETRIES; retry++) {
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(response.headers['retry-after'], retry)));
      response = await this.fetch(sent);
    }
    return { operationId: request.operationId, request: sent, response };
  }

  /** GETs a URL outside the API (such as an OAuth consent page); not recorded as a contract exchange. */
  async raw(url: string, init: RequestInit = {}): Promise<Response> {
    return fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
  }

  private async fetch(sent: SentRequest): Promise<ReceivedResponse> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + sent.path, {
        method: sent.method,
        headers: sent.headers,
        body: sent.body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new ToolError('TARGET_UNREACHABLE', `${sent.method} ${this.baseUrl}${sent.path.split('?')[0]} failed: ${reason}`);
    }
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), text, json: parseJson(text) };
  }
}

const MAX_RETRIES = 3;

function retryDelayMs(retryAfter: string | undefined, retry: number): number {
  const seconds = Number(retryAfter);
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 250 * 2 ** retry, 5000);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
