import type { FaultKind } from '../contract/transport-fault.js';
import type { Problem } from '../mock/problems.js';
import type { Violation } from '../traffic/traffic-validator.js';

/**
 * The `code` of an answer the proxy makes up because the target gave none it could pass on. Stable: a client
 * may branch on it (the README lists them).
 */
export type ProxyProblemCode = 'target_timeout' | 'target_unreachable' | 'target_reset' | 'target_protocol_error' | 'contract_violation';

/** The problem for a target that gave no whole answer head in time, or none at all. */
export function faultProblem(kind: Exclude<FaultKind, 'aborted'>, detail: string, timeoutMs: number): Problem {
  switch (kind) {
    case 'timeout':
      return proxyProblem(504, 'target_timeout', 'Target timeout', `The target gave no whole answer within ${timeoutMs} ms.`);
    case 'refused':
      return proxyProblem(502, 'target_unreachable', 'Target unreachable', `The proxy could not reach the target (${detail}).`);
    case 'protocol':
      return proxyProblem(502, 'target_protocol_error', 'Target protocol error', `The target's answer is not valid HTTP (${detail}).`);
    case 'reset':
    case 'body_cut':
      return proxyProblem(502, 'target_reset', 'Target reset', `The target closed the connection before its answer was whole (${detail}).`);
  }
}

/**
 * The problem for a request whose own body did not arrive whole by the deadline (a client that stalls mid-upload):
 * the exchange timed out before the target was asked anything, under the same stable code.
 */
export function uploadTimeoutProblem(timeoutMs: number): Problem {
  return proxyProblem(504, 'target_timeout', 'Target timeout', `The request's body did not arrive whole within ${timeoutMs} ms: nothing was sent to the target.`);
}

/** What `--errors` answers instead of an answer that breaks a documented rule: the violations, named. */
export function contractViolationProblem(status: number, violations: readonly Violation[]): Problem {
  const errors = violations.filter((violation) => violation.severity === 'error');
  const detail = `The target answered ${status}, which breaks the contract: ${errors.map((violation) => `${violation.check}: ${violation.message}`).join('; ')}`;
  return { ...proxyProblem(502, 'contract_violation', 'Contract violation', detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail), extensions: { targetStatus: status, violations } };
}

function proxyProblem(status: number, code: ProxyProblemCode, title: string, detail: string): Problem {
  return { status, code, title, detail };
}
