import type { IncomingMessage } from 'node:http';
import type { Violation } from '../traffic/traffic-validator.js';
import { headOf, type CappedRead } from './capped-body.js';
import type { DecodedBody } from './content-decoding.js';
import type { ProxiedExchange } from './har-entry.js';
import type { KeptBody } from './recorded-body.js';

/** What one exchange came to, for the log, the counts and the recording. */
export interface ExchangeOutcome {
  readonly method: string;
  /** The path asked for, without its query. */
  readonly path: string;
  readonly startedMs: number;
  readonly durationMs: number;
  /** The status the client got: the target's (even when --errors replaced it), or the one the proxy answered, 0 for none. */
  readonly status: number;
  /** Under the API's base path. */
  readonly covered: boolean;
  /** An operation of the contract: judged against it (the rest is passed through). */
  readonly judged: boolean;
  /** Scrubbed of every value remembered (see redaction.ts). */
  readonly violations: readonly Violation[];
  readonly notValidated?: string;
  /** `forwarded`, `refused` or `replaced` (by --errors), `client_gone`, `proxy_error`, or a target fault's code. */
  readonly outcome: string;
  /** The exchange as a recording keeps it: built only when the proxy records. */
  readonly recorded?: () => ProxiedExchange;
}

/** An exchange under way, as far as it got: what its outcome is made of. */
export interface ExchangeState {
  readonly req: IncomingMessage;
  readonly method: string;
  /** Path and query, under the contract's base path. */
  readonly url: string;
  readonly path: string;
  readonly covered: boolean;
  readonly judged: boolean;
  /** The request announces a body. */
  readonly withBody: boolean;
  /** `performance.now()` at arrival. */
  readonly started: number;
  /** The request headers forwarded. */
  readonly headers: Record<string, string | string[]>;
  readonly cap: number;
  readonly recording: boolean;
  /** The request body as far as it was read (a passed-through one: as far as it was kept on the way). */
  requestRead?: CappedRead;
  /** The request's content-encoding undone, when it had one: what a recording keeps and redacts. */
  requestDecoded?: DecodedBody;
  /** The request body's size so far (a streamed one grows as it goes). */
  requestSize: number;
  /** Milliseconds until the target's answer head; undefined while there is none. */
  waitMs?: number;
  violations: Violation[];
}

/** What the client got besides a status: the answer to record, and why the body was not judged. */
export interface OutcomeDetails {
  readonly notValidated?: string;
  /** The target's answer (or the proxy's refusal), as a recording keeps it. */
  readonly answer?: { readonly headers: Readonly<Record<string, string | string[]>>; readonly body: KeptBody };
  /** What the recording says of it: what the client got instead, or why there is no answer. */
  readonly comment?: string;
  /** The status a recording shows, when not the client's: 0 for an exchange the target never answered. */
  readonly recordedStatus?: number;
}

/** The exchange's outcome, once the client has its answer (or is gone). */
export function outcomeOf(state: ExchangeState, status: number, outcome: string, details: OutcomeDetails = {}): ExchangeOutcome {
  const durationMs = performance.now() - state.started;
  const startedMs = performance.timeOrigin + state.started;
  const { requestRead, requestDecoded } = state;
  const recorded = (): ProxiedExchange => ({
    startedMs,
    waitMs: state.waitMs ?? 0,
    totalMs: durationMs,
    method: state.method,
    host: state.req.headers.host ?? 'localhost',
    url: state.url,
    httpVersion: `HTTP/${state.req.httpVersion}`,
    requestHeaders: state.headers,
    ...(requestRead ? { requestBody: { bytes: headOf(requestRead, state.cap), size: state.requestSize, cut: !requestRead.whole, ...(requestDecoded ? { decoded: requestDecoded } : {}) } } : {}),
    status: details.recordedStatus ?? status,
    responseHeaders: details.answer?.headers ?? {},
    ...(details.answer ? { responseBody: details.answer.body } : {}),
    ...(details.comment ? { comment: details.comment } : {}),
    violations: state.violations,
  });
  return {
    method: state.method,
    path: state.path,
    startedMs,
    durationMs,
    status,
    covered: state.covered,
    judged: state.judged,
    violations: state.violations,
    outcome,
    ...(details.notValidated ? { notValidated: details.notValidated } : {}),
    ...(state.recording ? { recorded } : {}),
  };
}
