import type { SpecOperation } from '../spec/operations.js';
import type { CheckId } from './checks.js';

/** The checks that stand on the docs alone, whatever the operation: leaks, server errors, an answer at all. */
const ALWAYS_JUDGED: readonly CheckId[] = ['secret_non_disclosure', 'not_a_server_error', 'response_received'];

/**
 * The response checks that judge one answer of `operation` with status `status`. With --documented-only, an
 * operation the docs do not describe (x-inferred) is judged only on leaks, server errors and transport, and a
 * status whose body the docs do not show (x-inferred-statuses) is not judged on that body's schema.
 */
export function judgedChecks(selected: ReadonlySet<CheckId>, operation: SpecOperation, status: number, documentedOnly: boolean): ReadonlySet<CheckId> {
  if (!documentedOnly) return selected;
  if (operation.inferred) return new Set(ALWAYS_JUDGED.filter((id) => selected.has(id)));
  if (!operation.inferredStatuses.has(String(status))) return selected;
  return new Set([...selected].filter((id) => id !== 'response_schema'));
}
