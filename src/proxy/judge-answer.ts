import type { CheckId } from '../contract/checks.js';
import { READS_BODY } from '../contract/response-checks.js';
import type { ObservedRequest, TrafficValidator, Violation } from '../traffic/traffic-validator.js';
import { headOf, type CappedRead } from './capped-body.js';
import { decodedBody } from './content-decoding.js';
import { singleValued } from './hop-by-hop.js';
import { scrubViolations } from './redaction.js';
import type { SecretMemory } from './secret-memory.js';
import type { UpstreamAnswer } from './upstream.js';

/** The checks that read the body, and the content type's (an empty body is one too): a HEAD answer, or a 304, has none. */
const BODY_CHECKS = new Set<CheckId | 'request_schema'>([...READS_BODY, 'content_type_declared']);

export interface AnswerVerdict {
  readonly violations: readonly Violation[];
  /** Why the body was not judged (over the cap, an encoding not decoded), as the validation header says it. */
  readonly notValidated?: string;
  /** The body decoded, when it came compressed. */
  readonly decoded?: Buffer;
}

/** What judging an answer needs besides the answer: the memories of what was submitted, and of what to hide. */
export interface AnswerJudging {
  readonly validator: TrafficValidator;
  readonly operationId: string;
  readonly cap: number;
  /** Credential values submitted so far: an answer that echoes one is a leak (secret_non_disclosure). */
  readonly submitted: Iterable<string>;
  /** What no violation message may show (a schema error can quote the answer). */
  readonly hidden: SecretMemory;
  /** The request's own violations: a target that accepts (2xx) a request the contract refuses breaks it too. */
  readonly requestViolations?: readonly Violation[];
}

/**
 * The target's answer judged against the contract, from its head and the body as far as the cap: decoded when
 * compressed; over the cap (or not decodable), judged only on what needs no body (status, headers, secrets
 * searched as far as it was read). An answer over the cap gets the validation header, not a violation of the
 * target (the validator leaves response_received to its caller). Messages come back scrubbed, once for the log, the
 * header and a --errors 502.
 */
export async function judgeAnswer(judging: AnswerJudging, request: ObservedRequest, answer: UpstreamAnswer, read: CappedRead): Promise<AnswerVerdict> {
  const { cap } = judging;
  let body = headOf(read, cap);
  let notValidated = read.whole ? undefined : `body over the ${cap}-byte cap`;
  let decoded: Buffer | undefined;
  const encoding = answer.headers['content-encoding'];
  if (read.whole && encoding !== undefined && encoding !== 'identity') {
    const result = await decodedBody(body, String(encoding), cap);
    if ('bytes' in result) body = decoded = result.bytes;
    else notValidated = result.notDecoded;
  }
  const bodyless = request.method === 'HEAD' || answer.status === 304;
  const notModified = answer.status === 304 && isConditional(request);
  const response = { status: answer.status, headers: singleValued(answer.headers), body, ...(notValidated || bodyless ? { bodyNotRead: true } : {}) };
  const violations = judging.validator
    .checkResponse(judging.operationId, request, response, judging.submitted)
    .filter((violation) => !(bodyless && BODY_CHECKS.has(violation.check)))
    // RFC 9110 §15.4.5: a 304 answers a conditional GET or HEAD whose condition did not change. Any such request may
    // get one, whatever the operation declares; the contract lists the statuses of unconditional requests.
    .filter((violation) => !(notModified && violation.check === 'status_code_declared'));
  // As `test`'s negative_data_rejection: an invalid request is answered 4xx, never 2xx (the check is the server's, the
  // request_schema violation beside it the client's).
  const refusedRules = (judging.requestViolations ?? []).filter((violation) => violation.check === 'request_schema');
  if (refusedRules.length && answer.status >= 200 && answer.status <= 299) {
    const severity = refusedRules.some((violation) => violation.severity === 'error') ? 'error' : 'warning';
    violations.push({ check: 'negative_data_rejection', location: 'response.status', severity, message: `a request the contract refuses (${refusedRules[0]!.message}) was answered ${answer.status}: expected a 4xx` });
  }
  return { violations: scrubViolations(violations, judging.hidden), ...(notValidated ? { notValidated } : {}), ...(decoded ? { decoded } : {}) };
}

/** A GET or HEAD that asks for the representation only if it changed. */
function isConditional(request: ObservedRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined);
}
