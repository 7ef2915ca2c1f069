import type { CheckId } from './checks.js';
import type { Exchange, SentRequest } from './exchange.js';
import { excerptRequest } from './request-excerpt.js';

export type FindingKind =
  | 'undeclared_status'
  | 'undeclared_media_type'
  | 'schema_mismatch'
  | 'not_envelope'
  | 'not_problem'
  | 'server_error'
  | 'secret_disclosed'
  | 'missing_challenge'
  | 'unexpected_status'
  | 'state_changed'
  | 'semantic_mismatch'
  | 'transport_fault'
  | 'body_too_large';

/** A title per kind: adding a kind without one does not compile. */
export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  undeclared_status: 'Undocumented status code',
  undeclared_media_type: 'Undocumented content type',
  schema_mismatch: 'Response does not match its schema',
  not_envelope: 'Success body is not the ApiResponse envelope',
  not_problem: 'Error is not a valid problem',
  server_error: 'Server error',
  secret_disclosed: 'Submitted secret disclosed',
  missing_challenge: 'A 401 without its Bearer challenge',
  unexpected_status: 'Unexpected status',
  state_changed: 'State changed by a refused request',
  semantic_mismatch: 'Behaviour differs from the contract',
  transport_fault: 'No whole HTTP answer',
  body_too_large: 'Response body over the size cap',
};

/** One deviation from the contract, with the exchange that shows it. */
export interface Finding {
  readonly check: CheckId;
  readonly kind: FindingKind;
  readonly operationId: string;
  readonly message: string;
  readonly exchange?: Exchange;
  /** The request of a finding without a response (a transport fault). */
  readonly request?: SentRequest;
  /** How a request without a response failed (timeout, reset, …). */
  readonly fault?: string;
}

/** How much of a response body a finding keeps: what a report shows of it. */
export const EXCERPT_CHARS = 2000;

/** The finding with its response body cut to the excerpt a report shows, so that kept findings stay small. */
export function compactFinding(finding: Finding): Finding {
  if (finding.request) finding = { ...finding, request: excerptRequest(finding.request) };
  return finding.exchange ? { ...finding, exchange: compactExchange(finding.exchange) } : finding;
}

/** The exchange with its body cut to the excerpt a report shows, and no parsed body. */
function compactExchange(exchange: Exchange): Exchange {
  const { bytes: _, ...response } = exchange.response;
  const request = excerptRequest(exchange.request);
  if (response.text.length <= EXCERPT_CHARS && response.json === undefined && !exchange.response.bytes && request === exchange.request) return exchange;
  return { ...exchange, request, response: { ...response, text: detachedPrefix(response.text, EXCERPT_CHARS), json: undefined } };
}

/** The first `length` characters as a string of their own: a plain slice would keep the whole body alive (V8 sliced strings). */
function detachedPrefix(text: string, length: number): string {
  return Buffer.from(text.slice(0, length), 'utf8').toString('utf8');
}

/**
 * Names the same bug the same way across runs and shrinking: check, kind, operation and status (or fault); a
 * finding with neither (a list read or a clean-up's verdict, about one kind in one organization) by its message.
 */
export function dedupKey(finding: Finding): string {
  return [finding.check, finding.kind, finding.operationId, finding.exchange?.response.status ?? finding.fault ?? finding.message].join('|');
}

/** Thrown inside a property so that fast-check shrinks towards a minimal failing input. */
export class ContractViolation extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(findings.map((f) => `${f.check} ${f.operationId}: ${f.message}`).join('\n'));
    this.name = 'ContractViolation';
  }
}
