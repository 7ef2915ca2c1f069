import type { CheckId } from '../contract/checks.js';
import type { ObservedRequest, TrafficValidator, Violation } from '../traffic/traffic-validator.js';
import { headOf, type CappedRead } from './capped-body.js';
import { decodedBody } from './content-decoding.js';
import { singleValued } from './hop-by-hop.js';
import type { UpstreamAnswer } from './upstream.js';

/** The checks that read the body: a HEAD answer has none to read. */
const BODY_CHECKS = new Set<CheckId | 'request_schema'>(['content_type_declared', 'response_schema', 'envelope', 'problem_json']);

export interface AnswerVerdict {
  readonly violations: readonly Violation[];
  /** Why the body was not judged (over the cap, an encoding not decoded), as the validation header says it. */
  readonly notValidated?: string;
  /** The body decoded, when it came compressed. */
  readonly decoded?: Buffer;
}

/**
 * The target's answer judged against the contract, from its head and the body as far as the cap: decoded when
 * compressed; over the cap (or not decodable), judged only on what needs no body (status, headers, secrets
 * searched as far as it was read). The validator's own "over the cap" finding is the test runner's: here it
 * is the validation header, not a violation of the target.
 */
export async function judgeAnswer(
  validator: TrafficValidator,
  operationId: string,
  request: ObservedRequest,
  answer: UpstreamAnswer,
  read: CappedRead,
  cap: number,
  secrets: Iterable<string>,
): Promise<AnswerVerdict> {
  let body = headOf(read, cap);
  let notValidated = read.whole ? undefined : `body over the ${cap}-byte cap`;
  let decoded: Buffer | undefined;
  const encoding = answer.headers['content-encoding'];
  if (read.whole && encoding !== undefined && encoding !== 'identity') {
    const result = await decodedBody(body, String(encoding), cap);
    if ('bytes' in result) body = decoded = result.bytes;
    else notValidated = result.notDecoded;
  }
  const head = request.method === 'HEAD';
  const response = { status: answer.status, headers: singleValued(answer.headers), body, ...(notValidated || head ? { bodyNotRead: true } : {}) };
  const violations = validator
    .checkResponse(operationId, request, response, secrets)
    .filter((violation) => violation.check !== 'response_received' && !(head && BODY_CHECKS.has(violation.check)));
  return { violations, ...(notValidated ? { notValidated } : {}), ...(decoded ? { decoded } : {}) };
}
