import { CHECKS, type CheckId } from './checks.js';
import { redactRequest, toCurl } from './curl.js';
import type { SentRequest } from './exchange.js';
import { dedupKey, EXCERPT_CHARS, FINDING_TITLES, type Finding } from './findings.js';
import { REPORT_VERSION, type CellStatus, type Completion, type Report, type ReportFailure } from './report.js';
import { redact } from './response-checks.js';
import type { SuiteResult } from './run-suites.js';
import type { RunOptions } from './runner.js';

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
  readonly secrets: ReadonlySet<string>;
  readonly requests: number;
  readonly started: number;
  readonly completion: Completion;
}

/** The report of a run: checks, operations, the operations × checks matrix and every distinct failure. */
export function buildReport(options: RunOptions, recorded: RunRecordings): Report {
  const { selected, results } = recorded;
  const found: Found[] = results.flatMap((result) => [
    ...(result.failure?.findings ?? []).map((finding) => ({ finding, suite: result.id, steps: result.failure!.steps, path: result.failure!.path })),
    ...result.side.map((side) => ({ finding: side.finding, suite: result.id, steps: side.steps, path: side.path })),
  ]);
  const failures = toFailures(found, options, recorded.secrets);
  const cells = new Map<string, CellStatus>([...recorded.exercised].map((cell) => [cell, 'passed']));
  for (const failure of failures) cells.set(`${failure.operationId} ${failure.check}`, 'failed');
  const ran = new Map(results.map((result) => [result.id, result]));
  const checks = [...selected].map((id) => {
    const failed = failures.some((failure) => failure.check === id);
    const notRun = CHECKS[id].kind === 'suite' && !ran.has(id);
    // A run stopped early may never have got to a suite: that proves nothing either way.
    const cutOff = ran.get(id)?.runsDone === 0 && recorded.completion.status !== 'complete';
    const reason =
      recorded.skipped.get(id) ??
      (notRun ? (recorded.suiteIds.has(id) ? 'in another shard' : 'no suite implements it yet') : cutOff ? `not run: ${recorded.completion.message ?? recorded.completion.status}` : undefined);
    const status = failed ? 'failed' : reason ? 'skipped' : 'passed';
    return { ...CHECKS[id], status, ...(reason && !failed ? { reason } : {}) } as const;
  });
  for (const check of checks) {
    for (const operation of options.contract.operations) {
      if (check.status === 'skipped' || (options.documentedOnly && operation.inferred)) cells.set(`${operation.operationId} ${check.id}`, 'skipped');
    }
  }
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
    operations: options.contract.operations.map((operation) => ({
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.pathTemplate,
      declaredStatuses: Object.keys(operation.responses),
      observedStatuses: [...(recorded.observed.get(operation.operationId) ?? [])].sort(),
    })),
    matrix: Object.fromEntries(
      options.contract.operations.map((operation) => [
        operation.operationId,
        Object.fromEntries([...selected].map((id) => [id, cells.get(`${operation.operationId} ${id}`) ?? 'not_exercised'])),
      ]),
    ),
    failures,
    summary: {
      passed: checks.filter((c) => c.status === 'passed').length,
      failed: checks.filter((c) => c.status === 'failed').length,
      skipped: checks.filter((c) => c.status === 'skipped').length,
    },
  };
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
    const replayChecks = [...new Set([suite, finding.check])];
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
      replayChecks,
      replay: replayCommand(options, replayChecks, path),
    });
  }
  return failures;
}

function replayCommand(options: RunOptions, checks: readonly CheckId[], path: string | null): string {
  const config = options.configPath ?? '<config>';
  return `flowyte-contract test --config ${config} --target ${options.config.target} --checks ${checks.join(',')} --seed ${options.seed}${path ? ` --path ${path}` : ''}`;
}
