import type { CheckId } from '../contract/checks.js';
import type { Contract } from '../contract/contract.js';
import type { SentRequest } from '../contract/exchange.js';
import type { FindingKind } from '../contract/findings.js';
import type { ApiScope } from './api-scope.js';
import { REDACTED_VALUE } from './har.js';
import { exchangeOf } from './har-reader.js';
import type { ReadHar, ReadHarEntry } from './har-schema.js';
import { reportedRequest, reportedResponse, secretsIn, type ReportedResponse } from './reported-exchange.js';
import { SHORTEST_MASKED } from './secret-mask.js';
import { checksExercised, trafficChecks } from './traffic-checks.js';
import { TrafficValidator, type ObservedRequest, type ObservedResponse, type RequestVerdict, type Violation } from './traffic-validator.js';

export interface TrafficCheckOptions {
  readonly contract: Contract;
  readonly scope: ApiScope;
  readonly documentedOnly: boolean;
  /** The HAR's path, for the errors that name an entry. */
  readonly harPath: string;
  /** Judge this entry alone; the ones before it are still read for the credentials they submit. */
  readonly entry?: number;
}

/** One violation met in one entry. */
export interface TrafficOccurrence {
  readonly entry: number;
  readonly check: CheckId;
  readonly kind: FindingKind;
  readonly operationId: string;
  readonly message: string;
  readonly baseUrl: string;
  /** Key and credentials redacted, the body cut to its excerpt (secrets met later are masked when the report is built). */
  readonly request: SentRequest;
  readonly response: ReportedResponse;
}

/** What judging a recording found, and how much of it there was to judge. */
export interface TrafficCheck {
  readonly counts: {
    entries: number;
    judged: number;
    /** Outside the API (another origin, path or scheme): not judged. */
    outside: number;
    /** No answer came (status 0 or -1: blocked, cancelled, refused): not judged. */
    noResponse: number;
    /** CORS preflights (OPTIONS under the API's base path): no operation to judge them by. */
    preflights: number;
    /**
     * Requests to a route the contract does not describe (another part of the API under the same base path, or a
     * method it gives the path no operation for): not judged, whatever the answer.
     */
    notInContract: number;
    /** Answers whose body the HAR did not record: judged on status and headers only. */
    bodiesNotRecorded: number;
    /** Requests the contract refuses that the server refused too (4xx): the client's mistake, handled right. */
    invalidRefused: number;
    /** Occurrences past OCCURRENCES_KEPT of one check, operation and status: counted, not kept. */
    occurrencesNotKept: number;
  };
  readonly occurrences: TrafficOccurrence[];
  /** Operation → statuses answered. */
  readonly observed: Map<string, Set<number>>;
  /** `operationId check` cells some entry exercised. */
  readonly exercised: Set<string>;
  /** Every key and credential value the recording submits, 4 characters or more: no report shows them. */
  readonly secrets: Set<string>;
  /** The base URLs of the judged entries. */
  readonly baseUrls: Set<string>;
}

/**
 * How many occurrences of one check on one operation and status a report keeps, each with its entry, request and
 * answer: enough to show how widely it occurs, while a recording of thousands of answers with the same fault
 * stays a report of a few megabytes (the further ones are counted in `occurrencesNotKept`).
 */
export const OCCURRENCES_KEPT = 25;

/** How a redacted credential reads in a recorded JSON body. */
const REDACTED_JSON = JSON.stringify(REDACTED_VALUE);

/** The kind of finding each check's violation is. */
const KINDS: Readonly<Partial<Record<CheckId, FindingKind>>> = {
  status_code_declared: 'undeclared_status',
  content_type_declared: 'undeclared_media_type',
  response_schema: 'schema_mismatch',
  envelope: 'not_envelope',
  problem_json: 'not_problem',
  not_a_server_error: 'server_error',
  secret_non_disclosure: 'secret_disclosed',
  www_authenticate: 'missing_challenge',
  negative_data_rejection: 'unexpected_status',
};

/**
 * Judges a recording entry by entry, in order, as `test` judges its exchanges: each request against the contract
 * (a request it refuses is the client's; the server must refuse it too), then each answer with the response checks,
 * given the credentials submitted by that request and the ones before it.
 */
export function checkTraffic(har: ReadHar, options: TrafficCheckOptions): TrafficCheck {
  const { contract, scope, documentedOnly } = options;
  const validator = new TrafficValidator(contract, { documentedOnly });
  const selected = new Set(trafficChecks(documentedOnly));
  const result: TrafficCheck = {
    counts: { entries: har.log.entries.length, judged: 0, outside: 0, noResponse: 0, preflights: 0, notInContract: 0, bodiesNotRecorded: 0, invalidRefused: 0, occurrencesNotKept: 0 },
    occurrences: [],
    observed: new Map(),
    exercised: new Set(),
    secrets: new Set(),
    baseUrls: new Set(),
  };
  // Credential values submitted so far, as the validator reads them: an answer must not hold any of them.
  const submitted = new Set<string>();
  const kept = new Map<string, number>();
  const last = options.entry ?? har.log.entries.length - 1;
  for (let index = 0; index <= last; index++) {
    const entry = har.log.entries[index]!;
    const exchange = exchangeOf(entry, index, options.harPath);
    // What the proxy that recorded the entry found and its redaction hides (see RECORDED_VERDICT_CHECKS); none elsewhere.
    const recorded = entry._flowyteViolations ?? [];
    const toJudge = options.entry === undefined || index === options.entry;
    const location = scope.locate(exchange.url);
    if (!location) {
      if (toJudge) result.counts.outside++;
      continue;
    }
    // Our proxy's recordings hold REDACTED_VALUE where a credential was: the body as sent is unknown (a field's
    // pattern might refuse the marker), so it is not validated; the proxy judged the request as it passed.
    const redacted = exchange.request.body !== undefined && Buffer.from(exchange.request.body).includes(REDACTED_JSON);
    const request = { ...exchange.request, url: location.path, ...(redacted ? { bodyNotRead: true } : {}) };
    const verdict = withRecordedRefusal(validator.checkRequest(request), redacted ? recorded : [], documentedOnly);
    // A recording of our proxy holds REDACTED_VALUE where a credential was: that is no secret to look for.
    for (const secret of verdict.secrets) if (secret !== REDACTED_VALUE) submitted.add(secret);
    // Every value a report must hide, the short ones too (a 6-character password is no less one).
    for (const secret of [...secretsIn(request), ...verdict.credentials]) if (secret.length >= SHORTEST_MASKED && secret !== REDACTED_VALUE) result.secrets.add(secret);
    if (!toJudge) continue;
    const { response } = exchange;
    if (!response) {
      result.counts.noResponse++;
      continue;
    }
    if (!verdict.judged || verdict.operationId === undefined) {
      // The contract describes the Integrations part of an API that has more under its base path: a route it does
      // not describe is skipped, as traffic outside the base path is, never judged by the rules of another.
      if (request.method === 'OPTIONS') result.counts.preflights++;
      else result.counts.notInContract++;
      continue;
    }
    result.counts.judged++;
    if (exchange.responseBodyNotRecorded) result.counts.bodiesNotRecorded++;
    result.baseUrls.add(location.baseUrl);
    const { operationId } = verdict;
    const found = withRecordedLeak(judge(operationId, verdict, request, response, { validator, contract, selected, documentedOnly, submitted, result }), recorded);
    const judgedHere = found.filter((violation) => selected.has(violation.check as CheckId) && keep(kept, `${violation.check} ${operationId} ${response.status}`, result.counts));
    if (!judgedHere.length) continue;
    const reported = { request: reportedRequest(request, location.belowBase), response: reportedResponse(response) };
    for (const violation of judgedHere) {
      const check = violation.check as CheckId;
      result.occurrences.push({ entry: index, check, kind: KINDS[check] ?? 'semantic_mismatch', operationId, message: violation.message, baseUrl: location.baseUrl, ...reported });
    }
  }
  return result;
}

/**
 * The violations of one answered entry, noting what it exercised: the request's (the client's mistake, a failure of
 * the server only when it accepted it), then the answer's, by the response checks of `test`.
 */
function judge(
  operationId: string,
  verdict: RequestVerdict,
  request: ObservedRequest,
  response: ObservedResponse,
  { validator, contract, selected, documentedOnly, submitted, result }: { validator: TrafficValidator; contract: Contract; selected: ReadonlySet<CheckId>; documentedOnly: boolean; submitted: ReadonlySet<string>; result: TrafficCheck },
): Violation[] {
  const found: Violation[] = [];
  if (verdict.violations.length) {
    result.exercised.add(`${operationId} negative_data_rejection`);
    if (response.status >= 200 && response.status < 300) found.push(accepted(verdict.violations, response.status));
    else if (response.status >= 400 && response.status < 500) result.counts.invalidRefused++;
  }
  result.observed.set(operationId, (result.observed.get(operationId) ?? new Set<number>()).add(response.status));
  const operation = contract.operation(operationId);
  for (const check of checksExercised(selected, operation, response.status, !response.bodyNotRead, documentedOnly)) result.exercised.add(`${operationId} ${check}`);
  return [...found, ...validator.checkResponse(operationId, request, response, submitted)];
}

type RecordedViolations = NonNullable<ReadHarEntry['_flowyteViolations']>;

/** A recorded severity as a violation's: anything but a warning is an error. */
const severityOf = (recorded: RecordedViolations[number]) => (recorded.severity === 'warning' ? ('warning' as const) : ('error' as const));

/**
 * A redacted request's verdict, as the proxy that recorded it gave it before the redaction (its request_schema
 * violations): what decides whether the server had to refuse it. Without one, the request goes unjudged.
 */
function withRecordedRefusal(verdict: RequestVerdict, recorded: RecordedViolations, documentedOnly: boolean): RequestVerdict {
  // A warning is a rule of the contract's own choosing: left out with --documented-only, as the validator leaves it out.
  const refused = recorded.filter((violation) => violation.check === 'request_schema' && !(documentedOnly && violation.severity === 'warning'));
  if (!refused.length || verdict.violations.length) return verdict;
  return { ...verdict, violations: refused.map((violation) => ({ check: 'request_schema', location: 'request', severity: severityOf(violation), message: violation.message })) };
}

/** A credential the proxy saw come back, which its recording shows redacted: a leak all the same. */
function withRecordedLeak(found: Violation[], recorded: RecordedViolations): Violation[] {
  const leak = recorded.find((violation) => violation.check === 'secret_non_disclosure');
  if (!leak || found.some((violation) => violation.check === 'secret_non_disclosure')) return found;
  return [...found, { check: 'secret_non_disclosure', location: 'response', severity: severityOf(leak), message: `${leak.message}, as the proxy that recorded it saw (the recording has the value redacted)` }];
}

/** True while the occurrences of this key are fewer than OCCURRENCES_KEPT; past it, counts the occurrence as not kept. */
function keep(kept: Map<string, number>, key: string, counts: TrafficCheck['counts']): boolean {
  const count = kept.get(key) ?? 0;
  if (count >= OCCURRENCES_KEPT) {
    counts.occurrencesNotKept++;
    return false;
  }
  kept.set(key, count + 1);
  return true;
}

/** A request the contract refuses, answered 2xx: the server let through what it should have refused. */
function accepted(violations: readonly Violation[], status: number): Violation {
  const why = violations.map((violation) => violation.message).join('; ');
  return { check: 'negative_data_rejection', location: 'response.status', severity: 'error', message: `the server accepted an invalid request (answered ${status}): ${why}` };
}
