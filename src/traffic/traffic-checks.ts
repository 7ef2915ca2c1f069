import { CHECK_IDS, CHECKS, type CheckId } from '../contract/checks.js';
import { judgedChecks } from '../contract/judged-checks.js';
import { READS_BODY, RESPONSE_CHECKS } from '../contract/response-checks.js';
import type { SpecOperation } from '../spec/operations.js';

const RESPONSE_CHECK_IDS = new Set(RESPONSE_CHECKS.map((check) => check.id));

/**
 * The checks a recording is judged by: every response check but `response_received` (a HAR holds a whole body or
 * none, never one cut at a cap or timed out), and `negative_data_rejection` for the invalid requests it holds (the
 * server must refuse what the contract refuses). With --documented-only, the inferred ones are left out.
 */
export function trafficChecks(documentedOnly: boolean): CheckId[] {
  const judged = new Set<CheckId>([...RESPONSE_CHECK_IDS, 'negative_data_rejection']);
  judged.delete('response_received');
  return CHECK_IDS.filter((id) => judged.has(id) && !(documentedOnly && CHECKS[id].inferred));
}

/**
 * The response checks the validator applies to one answer (what a matrix cell counts as exercised): those `test`
 * judges it by at the same documented/inferred levels, less those that need a body the HAR did not record.
 */
export function checksExercised(selected: ReadonlySet<CheckId>, operation: SpecOperation, status: number, bodyRecorded: boolean, documentedOnly: boolean): CheckId[] {
  return [...judgedChecks(selected, operation, status, documentedOnly)].filter((id) => RESPONSE_CHECK_IDS.has(id) && (bodyRecorded || !READS_BODY.has(id)));
}
