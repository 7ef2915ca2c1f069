import { CHECKS, type CheckId } from '../contract/checks.js';
import { integrationKinds, type Contract } from '../contract/contract.js';
import { toCurl } from '../contract/curl.js';
import { buildCoverage } from '../contract/coverage.js';
import { FINDING_TITLES } from '../contract/findings.js';
import { groupFailures } from '../contract/finding-groups.js';
import { REPORT_VERSION, type CellStatus, type RecordedSource, type Report, type ReportFailure } from '../contract/report.js';
import { type TrafficCheck, type TrafficOccurrence } from './check-traffic.js';
import { contractVocabulary } from './contract-vocabulary.js';
import { SecretMask } from './secret-mask.js';
import { trafficChecks } from './traffic-checks.js';

export interface TrafficReportOptions {
  readonly contract: Contract;
  readonly documentedOnly: boolean;
  readonly harPath: string;
  readonly scope: string;
  readonly entry?: number;
  /** The flags a replay of one entry repeats (`--base-url URL`, `--documented-only`, `--spec FILE`). */
  readonly replayFlags: readonly string[];
  readonly toolVersion: string;
  readonly started: number;
}

/** What a report says of the recording it judged. */
export type TrafficSource = RecordedSource;

/** A report of recorded traffic: a `test` report whose `source` says what of the recording was judged. */
export type TrafficReport = Report & { readonly source: TrafficSource };

/**
 * The report of a recording, in the shape `test` writes, so that the same four writers read it: the checks a
 * recording is judged by, the operations with the statuses they answered, the operations × checks matrix of what
 * its entries exercised, one failure per violation met (replayed with `check --har FILE --entry N`), grouped by
 * cause. Seed and path have no meaning here (0 and null); `source` says what of the file was judged.
 */
export function buildTrafficReport(checked: TrafficCheck, options: TrafficReportOptions): TrafficReport {
  const { contract, documentedOnly } = options;
  // A credential a later entry submitted may sit in an earlier excerpt too: every one of the file's is masked.
  const mask = new SecretMask(checked.secrets, contractVocabulary(contract));
  const failures = checked.occurrences.map((occurrence, i) => toFailure(occurrence, i, mask, options));
  const checks = trafficChecks(documentedOnly).map((id) => {
    const failed = failures.some((failure) => failure.check === id);
    const reached = [...checked.exercised].some((cell) => cell.endsWith(` ${id}`));
    const reason = failed || reached ? undefined : id === 'negative_data_rejection' ? 'no request the contract refuses in the recording' : 'no entry of the recording reached it';
    return { ...CHECKS[id], status: failed ? 'failed' : reason ? 'skipped' : 'passed', ...(reason ? { reason } : {}) } as const;
  });
  const failedCells = new Set(failures.map((failure) => `${failure.operationId} ${failure.check}`));
  const { matrix, outOfScope } = trafficMatrix(contract, checks.map((check) => check.id), checked.exercised, failedCells, documentedOnly);
  const operations = contract.operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.pathTemplate,
    declaredStatuses: Object.keys(operation.responses),
    observedStatuses: [...(checked.observed.get(operation.operationId) ?? [])].sort(),
  }));
  // As `test` with --documented-only: neither the operations it leaves out nor the statuses x-inferred-statuses lists are owed.
  const owed = documentedOnly
    ? contract.operations.flatMap((operation, i) => (operation.inferred ? [] : [{ ...operations[i]!, declaredStatuses: operations[i]!.declaredStatuses.filter((status) => !operation.inferredStatuses.has(status)) }]))
    : operations;
  const { counts } = checked;
  const source: TrafficSource = {
    har: options.harPath,
    scope: options.scope,
    ...(options.entry === undefined ? {} : { entry: options.entry }),
    entries: counts.entries,
    judged: counts.judged,
    skippedOutside: counts.outside,
    skippedNoResponse: counts.noResponse,
    skippedPreflights: counts.preflights,
    skippedNotInContract: counts.notInContract,
    bodiesNotRecorded: counts.bodiesNotRecorded,
    invalidRequestsRefused: counts.invalidRefused,
    occurrencesNotKept: counts.occurrencesNotKept,
  };
  return {
    version: REPORT_VERSION,
    tool: { name: 'flowyte-contract', version: options.toolVersion },
    target: [...checked.baseUrls].join(', ') || options.harPath,
    startedAt: new Date(options.started).toISOString(),
    durationMs: Date.now() - options.started,
    seed: 0,
    runs: 1,
    requests: counts.judged,
    options: { checks: checks.map((check) => check.id), documentedOnly, workers: 1, timeoutMs: 0, maxBodyBytes: 0 },
    completion: { status: 'complete', runsPlanned: counts.judged, runsDone: counts.judged },
    checks,
    operations,
    matrix,
    coverage: buildCoverage(matrix, new Map(), outOfScope, owed, []),
    failures,
    findings: groupFailures(failures, {
      operation: contract.operations.map((operation) => operation.operationId),
      kind: integrationKinds(contract),
      scope: contract.operations.flatMap((operation) => operation.scopes),
    }),
    summary: {
      passed: checks.filter((check) => check.status === 'passed').length,
      failed: checks.filter((check) => check.status === 'failed').length,
      skipped: checks.filter((check) => check.status === 'skipped').length,
    },
    source,
  };
}

/**
 * The operations × checks matrix as `test` builds it: a failure shows wherever it was found; with --documented-only
 * an inferred operation's cells are skipped and out of scope; `negative_data_rejection` judges only the operations
 * some invalid request was recorded for; the others passed when some entry exercised them.
 */
function trafficMatrix(contract: Contract, checks: readonly CheckId[], exercised: ReadonlySet<string>, failedCells: ReadonlySet<string>, documentedOnly: boolean) {
  const outOfScope = new Set<string>();
  const matrix: Record<string, Partial<Record<CheckId, CellStatus>>> = {};
  for (const operation of contract.operations) {
    const row: Partial<Record<CheckId, CellStatus>> = (matrix[operation.operationId] = {});
    for (const id of checks) {
      const cell = `${operation.operationId} ${id}`;
      if (failedCells.has(cell)) row[id] = 'failed';
      else if (documentedOnly && operation.inferred) {
        row[id] = 'skipped';
        outOfScope.add(cell);
      } else if (id === 'negative_data_rejection' && !exercised.has(cell)) row[id] = 'not_applicable';
      else row[id] = exercised.has(cell) ? 'passed' : 'not_exercised';
    }
  }
  return { matrix, outOfScope };
}

function toFailure(occurrence: TrafficOccurrence, index: number, mask: SecretMask, options: TrafficReportOptions): ReportFailure {
  const hide = (text: string) => mask.mask(text);
  const sent = occurrence.request;
  const request = {
    ...sent,
    path: hide(sent.path),
    headers: Object.fromEntries(Object.entries(sent.headers).map(([name, value]) => [name, hide(value)])),
    ...(sent.body === undefined ? {} : { body: mask.mask(sent.body, sent.bodyBytes !== undefined) }),
  };
  const { response } = occurrence;
  return {
    id: `F${index + 1}`,
    check: occurrence.check,
    kind: occurrence.kind,
    title: FINDING_TITLES[occurrence.kind],
    operationId: occurrence.operationId,
    message: hide(occurrence.message),
    request,
    curl: toCurl(occurrence.baseUrl, request),
    response: {
      status: response.status,
      headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, hide(value)])),
      bodyExcerpt: mask.mask(response.bodyExcerpt, response.excerptCut),
    },
    steps: [request],
    seed: 0,
    path: null,
    suite: occurrence.check,
    replayChecks: [occurrence.check],
    replay: ['flowyte-contract', 'check', '--har', shellWord(options.harPath), '--entry', String(occurrence.entry), ...options.replayFlags.map(shellWord)].join(' '),
  };
}

/** A word as a shell reads it back: quoted when it holds anything but the usual characters of paths and URLs. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
