import type { CheckId } from './checks.js';
import type { Exchange } from './exchange.js';

export type FindingKind =
  | 'undeclared_status'
  | 'undeclared_media_type'
  | 'schema_mismatch'
  | 'not_envelope'
  | 'not_problem'
  | 'server_error'
  | 'secret_disclosed'
  | 'unexpected_status'
  | 'state_changed'
  | 'semantic_mismatch';

/** A title per kind: adding a kind without one does not compile. */
export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  undeclared_status: 'Undocumented status code',
  undeclared_media_type: 'Undocumented content type',
  schema_mismatch: 'Response does not match its schema',
  not_envelope: 'Success body is not the ApiResponse envelope',
  not_problem: 'Error is not a valid problem',
  server_error: 'Server error',
  secret_disclosed: 'Submitted secret disclosed',
  unexpected_status: 'Unexpected status',
  state_changed: 'State changed by a refused request',
  semantic_mismatch: 'Behaviour differs from the contract',
};

/** One deviation from the contract, with the exchange that shows it. */
export interface Finding {
  readonly check: CheckId;
  readonly kind: FindingKind;
  readonly operationId: string;
  readonly message: string;
  readonly exchange?: Exchange;
}

/** Names the same bug the same way across runs and shrinking: check, kind, operation and status. */
export function dedupKey(finding: Finding): string {
  return [finding.check, finding.kind, finding.operationId, finding.exchange?.response.status ?? ''].join('|');
}

/** Thrown inside a property so that fast-check shrinks towards a minimal failing input. */
export class ContractViolation extends Error {
  constructor(
    readonly findings: readonly Finding[],
    /** Every exchange of the failing run, in order: the counterexample as traffic. */
    readonly exchanges: readonly Exchange[] = [],
  ) {
    super(findings.map((f) => `${f.check} ${f.operationId}: ${f.message}`).join('\n'));
    this.name = 'ContractViolation';
  }
}
