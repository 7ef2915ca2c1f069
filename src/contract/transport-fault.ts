import type { SentRequest } from './exchange.js';

/**
 * How a request failed below HTTP: `refused` (nothing listens), `timeout` (no whole answer within --timeout),
 * `reset` (the connection dropped before the answer's head), `body_cut` (it dropped, or lied about its length,
 * mid-body), `protocol` (not HTTP), and `aborted` (the run itself was stopped: never the target's fault).
 */
export type FaultKind = 'refused' | 'timeout' | 'reset' | 'body_cut' | 'protocol' | 'aborted';

/** Thrown by the target client for a request that got no whole HTTP answer. */
export class TransportFault extends Error {
  constructor(
    readonly kind: FaultKind,
    /** What the network said (an error code and message), or the time limit that ran out. */
    readonly detail: string,
    readonly request: SentRequest,
    readonly operationId: string,
  ) {
    super(`${request.method} ${request.path.split('?')[0]}: ${kind.replace('_', ' ')} (${detail})`);
    this.name = 'TransportFault';
  }
}

/** The fault kind of a low-level error (undici's and Node's error codes), given how far the exchange got. */
export function faultKindOf(error: unknown, gotHead: boolean, timedOut: boolean, aborted: boolean): FaultKind {
  if (aborted) return 'aborted';
  if (timedOut) return 'timeout';
  const code = codeOf(error);
  if (/TIMEOUT/.test(code)) return 'timeout';
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/.test(code)) return 'refused';
  if (/^HPE_/.test(code) || code === 'UND_ERR_INFO') return 'protocol';
  return gotHead ? 'body_cut' : 'reset';
}

/** The most specific error code in an error and its causes. */
export function codeOf(error: unknown): string {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string') return current.code;
  }
  return (error as Error | undefined)?.name ?? 'Error';
}
