import { CHECKS, type CheckId } from './checks.js';
import { redactRequest, toCurl } from './curl.js';
import type { SentRequest } from './exchange.js';
import { dedupKey, EXCERPT_CHARS, FINDING_TITLES, type Finding } from './findings.js';
import { buildCoverage } from './coverage.js';
import { groupFailures, runVocabulary } from './finding-groups.js';
import { REPORT_VERSION, type CellStatus, type Completion, type Report, type ReportFailure } from './report.js';
import { redact } from './response-checks.js';
import type { SuiteResult } from './run-suites.js';
import type { RunOptions } from './runner.js';
import type { ProbeCoverage } from './probe-coverage.js';

/** What a run saw, as the runner gathered it. */
export interface RunRecordings {
  readonly selected: ReadonlySet<CheckId>;
  readonly results: readonly SuiteResult[];
  readonly skipped: ReadonlyMap<CheckId, string>;
  /** The suites of this shard (a suite of another shard is skipped "in another shard"). */
  readonly suiteIds: ReadonlySet<CheckId>;
  readonly observed: ReadonlyMap<string, ReadonlySet<number>>;
  /** `operationId check` cells some exchange exercised. */
  readonly exercised: ReadonlySet<string>;
  /** Check → the operations it judges (a response check: every operation; a suite's: those it names). */
  readonly applicable: ReadonlyMap<CheckId, ReadonlySet<string>>;
  /** The named probes of the suites, sent or not. */
  readonly probes: readonly ProbeCoverage[];
  readonly secrets: ReadonlySet<string>;
  readonly requests: number;
  readonly started: number;
  readonly completion: Completion;
}

/** The report of a run: checks, operations, the operations × checks matrix, every distinct failure and their causes. */
export function buildReport(options: RunOptions, recorded: RunRecordings): Report {
  const { selected, results } = recorded;
  const found: Found[] = results.flatMap((result) => [
    ...(result.failure?.findings ?? []).map((finding) => ({ finding, suite: result.id, steps: result.failure!.steps, path: result.failure!.path })),
    ...result.side.map((side) => ({ finding: side.finding, suite: result.id, steps: side.steps, path: side.path })),
  ]);
  const failures = toFailures(found, options, recorded.secrets);
  const ran = new Map(results.map((result) => [result.id, result]));
  const checks = [...selected].map((id) => {
    const failed = failures.some((failure) => failure.check === id);
    const notRun = CHECKS[id].kind === 'suite' && !ran.has(id);
    // A run stopped early may never have got to a suite: that proves nothing either way.
    const cutOff = ran.get(id)?.runsDone === 0 && recorded.completion.status !== 'complete';
    const reason =
      recorded.skipped.get(id) ??
      (notRun ? (recorded.suiteIds.has(id) ? IN_ANOTHER_SHARD : 'no suite implements it yet') : cutOff ? `not run: ${recorded.completion.message ?? recorded.completion.status}` : undefined);
    const status = failed ? 'failed' : reason ? 'skipped' : 'passed';
    return { ...CHECKS[id], status, ...(reason && !failed ? { reason } : {}) } as const;
  });
  const { matrix, reasons, outOfScope } = buildMatrix(options, recorded, checks, failures);
  const operations = options.contract.operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.pathTemplate,
    declaredStatuses: Object.keys(operation.responses),
    observedStatuses: [...(recorded.observed.get(operation.operationId) ?? [])].sort(),
  }));
  return {
    version: REPORT_VERSION,
    tool: { name: 'flowyte-contract', version: options.toolVersion ?? '0.0.0' },
    target: options.config.target,
    ...(options.configPath ? { configPath: options.configPath } : {}),
    startedAt: new Date(recorded.started).toISOString(),
    durationMs: Date.now() - recorded.started,
    seed: options.seed,
    runs: options.runs,
    requests: recorded.requests,
    options: {
      checks: [...selected],
      documentedOnly: options.documentedOnly === true,
      ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}),
      workers: options.workers ?? 1,
      timeoutMs: options.timeoutMs ?? 0,
      maxBodyBytes: options.maxBodyBytes ?? 0,
    },
    completion: recorded.completion,
    checks,
    operations,
    matrix,
    coverage: buildCoverage(matrix, reasons, outOfScope, statusScope(options, operations), recorded.probes),
    failures,
    findings: groupFailures(failures, runVocabulary(options.contract, options.config)),
    summary: {
      passed: checks.filter((c) => c.status === 'passed').length,
      failed: checks.filter((c) => c.status === 'failed').length,
      skipped: checks.filter((c) => c.status === 'skipped').length,
    },
  };
}

/** The reason of a check whose suite runs in another shard: its cells are outside this run, not a gap in it. */
const IN_ANOTHER_SHARD = 'in another shard';

/**
 * The operations × checks matrix: a failure shows wherever it was found; a cell of an operation left out by
 * --documented-only is skipped and out of the run's scope, and so is one of a check run in another shard; a
 * check that does not judge the operation is not applicable; a cell of a check skipped for another reason is
 * skipped, that reason kept for the coverage; the others passed when some exchange exercised them.
 */
function buildMatrix(options: RunOptions, recorded: RunRecordings, checks: ReadonlyArray<{ id: CheckId; status: string; reason?: string }>, failures: readonly ReportFailure[]) {
  const failed = new Set(failures.map((failure) => `${failure.operationId} ${failure.check}`));
  const reasons = new Map<string, string>();
  const outOfScope = new Set<string>();
  const matrix: Record<string, Partial<Record<CheckId, CellStatus>>> = {};
  for (const operation of options.contract.operations) {
    const row: Partial<Record<CheckId, CellStatus>> = (matrix[operation.operationId] = {});
    for (const check of checks) {
      const cell = `${operation.operationId} ${check.id}`;
      if (failed.has(cell)) row[check.id] = 'failed';
      else if (options.documentedOnly && operation.inferred) {
        row[check.id] = 'skipped';
        outOfScope.add(cell);
      } else if (!recorded.applicable.get(check.id)?.has(operation.operationId)) row[check.id] = 'not_applicable';
      else if (check.status === 'skipped') {
        row[check.id] = 'skipped';
        if (check.reason === IN_ANOTHER_SHARD) outOfScope.add(cell);
        else reasons.set(cell, check.reason ?? 'skipped');
      } else row[check.id] = recorded.exercised.has(cell) ? 'passed' : 'not_exercised';
    }
  }
  return { matrix, reasons, outOfScope };
}

/**
 * The operations and declared statuses a run sets out to observe: with --documented-only, neither the
 * operations it leaves out nor the statuses listed in `x-inferred-statuses`.
 */
function statusScope(options: RunOptions, operations: Report['operations']): Report['operations'] {
  if (!options.documentedOnly) return operations;
  return options.contract.operations.flatMap((operation, i) =>
    operation.inferred ? [] : [{ ...operations[i]!, declaredStatuses: operations[i]!.declaredStatuses.filter((status) => !operation.inferredStatuses.has(status)) }],
  );
}

interface Found {
  readonly finding: Finding;
  /** The suite whose run found it: replaying needs that suite's property and path. */
  readonly suite: CheckId;
  readonly steps: readonly SentRequest[];
  readonly path: string | null;
}

function toFailures(found: readonly Found[], options: RunOptions, secrets: ReadonlySet<string>): ReportFailure[] {
  // A leaked credential must not leak again through the report: responses show it redacted.
  const hide = (text: string) => [...secrets].reduce((redacted, secret) => redacted.split(secret).join(redact(secret)), text);
  const seen = new Set<string>();
  const failures: ReportFailure[] = [];
  for (const { finding, suite, steps, path } of found) {
    const key = dedupKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    const sent = finding.exchange?.request ?? finding.request;
    const request = sent ? redactRequest(sent) : undefined;
    const response = finding.exchange?.response;
    const replayChecks = [finding.check];
    failures.push({
      id: `F${failures.length + 1}`,
      check: finding.check,
      kind: finding.kind,
      title: FINDING_TITLES[finding.kind],
      operationId: finding.operationId,
      message: finding.message,
      ...(request ? { request, curl: toCurl(options.config.target, request) } : {}),
      ...(response
        ? {
            response: {
              status: response.status,
              headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, hide(value)])),
              bodyExcerpt: hide(response.text).slice(0, EXCERPT_CHARS),
              ...(response.truncated ? { truncated: true } : {}),
            },
          }
        : {}),
      ...(finding.fault ? { fault: finding.fault } : {}),
      steps,
      seed: options.seed,
      path,
      suite,
      replayChecks,
      replay: replayCommand(options, finding.check, suite, path),
    });
  }
  return failures;
}

/** The command that runs the failing check again on the same counterexample: `--suite` names the suite that drove it, when another. */
function replayCommand(options: RunOptions, check: CheckId, suite: CheckId, path: string | null): string {
  const config = options.configPath ?? '<config>';
  const driver = suite === check ? '' : ` --suite ${suite}`;
  // --runs as the run had it: a path that was not shrunk (`0`) goes on with the runs after it, as replay does.
  return `flowyte-contract test --config ${config} --target ${options.config.target} --checks ${check}${driver} --seed ${options.seed}${path ? ` --path ${path}` : ''} --runs ${options.runs}`;
}
