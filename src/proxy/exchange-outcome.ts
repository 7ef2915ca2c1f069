import type { IncomingMessage } from 'node:http';
import type { Violation } from '../traffic/traffic-validator.js';
import { headOf, type CappedRead } from './capped-body.js';
import type { KeptBody, ProxiedExchange } from './har-entry.js';

/** What one exchange came to, for the log, the counts and the recording. */
export interface ExchangeOutcome {
  readonly method: string;
  /** The path asked for, without its query. */
  readonly path: string;
  readonly startedMs: number;
  readonly durationMs: number;
  /** The status the client got: the target's (even when --errors replaced it), or the one the proxy answered, 0 for none. */
  readonly status: number;
  /** Under the API's base path: judged against the contract. */
  readonly covered: boolean;
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
  /** `performance.now()` at arrival. */
  readonly started: number;
  /** The request headers forwarded. */
  readonly headers: Record<string, string | string[]>;
  readonly cap: number;
  readonly recording: boolean;
  requestRead?: CappedRead;
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
  const recorded = (): ProxiedExchange => ({
    startedMs,
    waitMs: state.waitMs ?? 0,
    totalMs: durationMs,
    method: state.method,
    host: state.req.headers.host ?? 'localhost',
    url: state.url,
    httpVersion: `HTTP/${state.req.httpVersion}`,
    requestHeaders: state.headers,
    ...(state.requestRead ? { requestBody: { bytes: headOf(state.requestRead, state.cap), size: state.requestSize, cut: !state.requestRead.whole } } : {}),
    status: details.recordedStatus ?? status,
    responseHeaders: details.answer?.headers ?? {},
    ...(details.answer ? { responseBody: details.answer.body } : {}),
    ...(details.comment ? { comment: details.comment } : {}),
  });
  return {
    method: state.method,
    path: state.path,
    startedMs,
    durationMs,
    status,
    covered: state.covered,
    violations: state.violations,
    outcome,
    ...(details.notValidated ? { notValidated: details.notValidated } : {}),
    ...(state.recording ? { recorded } : {}),
  };
}
