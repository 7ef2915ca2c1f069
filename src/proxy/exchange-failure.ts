import type { ServerResponse } from 'node:http';
import { codeOf, faultKindOf } from '../contract/transport-fault.js';
import { problem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import { outcomeOf, type ExchangeOutcome, type ExchangeState } from './exchange-outcome.js';
import type { ExchangeSettings } from './exchange-settings.js';
import { PROXY_CORS_HEADERS } from './proxy-cors.js';
import { faultProblem, uploadTimeoutProblem } from './proxy-problems.js';
import { sendAnswer } from './send-answer.js';

/** How an exchange was cut: the client went away, or a judged exchange's deadline passed. */
export interface Cut {
  readonly clientGone: boolean;
  readonly timedOut: boolean;
}

/** The exchange the target did not answer whole (or the proxy failed): a problem+json when the client can still get one. */
export function failed(state: ExchangeState, res: ServerResponse, settings: ExchangeSettings, error: unknown, { clientGone, timedOut }: Cut): ExchangeOutcome {
  // A request still arriving: the connection closes after the answer (Node would otherwise wait for the rest of it).
  const headers = state.req.complete ? PROXY_CORS_HEADERS : { ...PROXY_CORS_HEADERS, connection: 'close' };
  if (!isTransportError(error, clientGone || timedOut)) {
    // A bug of ours: answer like the API would, never with a stack trace.
    sendAnswer(res, problemResponse(problem('internal_error', 'The proxy failed on this request.'), state.path, undefined), headers);
    return outcomeOf(state, 500, 'proxy_error', { comment: `the proxy failed: ${describeError(error)}`, recordedStatus: 0 });
  }
  const kind = faultOf(error, state.waitMs !== undefined, timedOut, clientGone);
  if (kind === 'aborted') return outcomeOf(state, 0, 'client_gone', { comment: settings.stopping() ? 'cut short: the proxy stopped' : 'the client went away before the answer was whole' });
  if (res.headersSent) {
    // The answer was on its way: all that can be said now is that it stops here.
    const code = kind === 'timeout' ? 'target_timeout' : 'target_reset';
    res.destroy();
    return outcomeOf(state, res.statusCode, code, { comment: `${code} after the answer's head: the client's answer was cut`, recordedStatus: 0 });
  }
  // The deadline passed while the proxy still read the request's body: the client stalled, the target was never asked.
  const stalled = timedOut && state.withBody && state.requestRead === undefined;
  const fault = stalled ? uploadTimeoutProblem(settings.timeoutMs) : faultProblem(kind, describeError(error), settings.timeoutMs);
  sendAnswer(res, problemResponse(fault, state.path, state.req.headers.accept), headers);
  return outcomeOf(state, fault.status, fault.code, { comment: stalled ? `no request sent: ${fault.code} (${fault.detail})` : `no answer from the target: ${fault.code} (${fault.detail})`, recordedStatus: 0 });
}

/**
 * The fault kind, as the test runner classifies network errors, and two more the proxy meets: undici's parser error
 * (no code when the answer is not HTTP at all), and a TLS certificate the proxy does not trust (the target is not
 * reachable as configured, rather than reset).
 */
function faultOf(error: unknown, gotHead: boolean, timedOut: boolean, clientGone: boolean): ReturnType<typeof faultKindOf> {
  if (!clientGone && !timedOut && (error as Error).name === 'HTTPParserError') return 'protocol';
  const code = codeOf(error);
  if (!clientGone && !timedOut && /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/.test(code)) return 'refused';
  return faultKindOf(error, gotHead, timedOut, clientGone);
}

/** An error of the network or of a cancelled exchange (they carry a code), as opposed to one of the proxy's own. */
function isTransportError(error: unknown, cancelled: boolean): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return cancelled || typeof code === 'string' || name === 'AbortError' || name === 'HTTPParserError';
}

/** What the network said: an error code and its first line, never a stack. */
function describeError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || 'unknown error';
}
