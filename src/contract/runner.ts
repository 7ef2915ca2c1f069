import fc from 'fast-check';
import { ToolError } from '../tool-errors.js';
import { CHECKS, CHECK_IDS, type CheckId } from './checks.js';
import type { TestConfig } from './config.js';
import type { Contract } from './contract.js';
import { redactRequest, toCurl } from './curl.js';
import type { Exchange } from './exchange.js';
import { ContractViolation, dedupKey, FINDING_TITLES, type Finding } from './findings.js';
import { redact } from './response-checks.js';
import { REPORT_VERSION, type CellStatus, type Report, type ReportFailure } from './report.js';
import type { Suite } from './suite.js';
import { SuiteContext } from './suite-context.js';
import { TargetClient } from './target-client.js';

export interface RunOptions {
  readonly contract: Contract;
  readonly config: TestConfig;
  readonly suites: readonly Suite[];
  /** The checks to run; every check by default. */
  readonly checks?: readonly CheckId[];
  readonly seed: number;
  readonly runs: number;
  /** A fast-check counterexample path to replay (with the seed it was found with and one check). */
  readonly path?: string;
  /** `{ index: 1, count: 4 }` runs the first of four shards of the suites. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly documentedOnly?: boolean;
  readonly configPath?: string;
  readonly toolVersion?: string;
  readonly onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { readonly type: 'suite-start'; readonly id: CheckId }
  | { readonly type: 'suite-end'; readonly id: CheckId; readonly status: 'passed' | 'failed'; readonly findings: number }
  | { readonly type: 'suite-skipped'; readonly id: CheckId; readonly reason: string }
  | { readonly type: 'exchange'; readonly exchange: Exchange };

/** Runs the suites against the target and returns the report; never throws for a deviation. */
export async function runContracts(options: RunOptions): Promise<Report> {
  const started = Date.now();
  const selected = selectChecks(options);
  const client = new TargetClient(options.config.target);
  await assertReachable(client);

  const observed = new Map<string, Set<number>>();
  const cells = new Map<string, CellStatus>();
  let requests = 0;
  let activeSuite: CheckId | undefined;
  const onExchange = (exchange: Exchange) => {
    requests++;
    options.onEvent?.({ type: 'exchange', exchange });
    const statuses = observed.get(exchange.operationId) ?? new Set<number>();
    statuses.add(exchange.response.status);
    observed.set(exchange.operationId, statuses);
    for (const id of selected) {
      if (CHECKS[id].kind === 'response' || id === activeSuite) cells.set(`${exchange.operationId} ${id}`, 'passed');
    }
  };
  const context = new SuiteContext(options.contract, options.config, client, selected, onExchange, options.documentedOnly === true);
  const suiteIds = new Set(options.suites.map((suite) => suite.id));
  const ownSuites = options.suites.filter((suite) => selected.has(suite.id));
  // Response checks judge the traffic of the suites; with none of those selected, every suite drives.
  const runnable = shard(ownSuites.length ? ownSuites : options.suites, options.shard);

  const findings: Found[] = [];
  const statuses = new Map<CheckId, { status: 'passed' | 'failed' | 'skipped'; reason?: string }>();
  await context.cleanUp(true);
  for (const suite of runnable) {
    const reason = suite.skipReason?.(context);
    if (reason) {
      statuses.set(suite.id, { status: 'skipped', reason });
      options.onEvent?.({ type: 'suite-skipped', id: suite.id, reason });
      continue;
    }
    activeSuite = suite.id;
    options.onEvent?.({ type: 'suite-start', id: suite.id });
    context.beginSuite(suite.id);
    const details = await fc.check(suite.property(context), {
      seed: options.seed,
      numRuns: options.runs,
      ...(options.path ? { path: options.path } : {}),
    });
    const found = details.failed ? violationOf(details.errorInstance, suite.id) : undefined;
    for (const finding of found?.findings ?? []) findings.push({ finding, suite: suite.id, run: found?.exchanges ?? [], path: details.counterexamplePath });
    for (const side of context.takeSideFindings()) findings.push({ ...side, suite: suite.id });
    statuses.set(suite.id, { status: found ? 'failed' : 'passed' });
    options.onEvent?.({ type: 'suite-end', id: suite.id, status: found ? 'failed' : 'passed', findings: found?.findings.length ?? 0 });
  }
  activeSuite = undefined;
  await context.cleanUp(true);

  const failures = toFailures(findings, options, context.submittedSecrets());
  for (const failure of failures) cells.set(`${failure.operationId} ${failure.check}`, 'failed');
  const checks = [...selected].map((id) => {
    const own = statuses.get(id);
    const failed = failures.some((failure) => failure.check === id);
    const notRun = CHECKS[id].kind === 'suite' && !own;
    const status = failed ? 'failed' : notRun ? 'skipped' : (own?.status ?? 'passed');
    const reason = own?.reason ?? (notRun ? (suiteIds.has(id) ? 'in another shard' : 'no suite implements it yet') : undefined);
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
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    seed: options.seed,
    runs: options.runs,
    requests,
    options: {
      checks: [...selected],
      documentedOnly: options.documentedOnly === true,
      ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}),
    },
    checks,
    operations: options.contract.operations.map((operation) => ({
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.pathTemplate,
      declaredStatuses: Object.keys(operation.responses),
      observedStatuses: [...(observed.get(operation.operationId) ?? [])].sort(),
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

/** Runs like runContracts and throws one error carrying every failure when the target deviates. */
export async function assertConformance(options: RunOptions): Promise<Report> {
  const report = await runContracts(options);
  if (report.failures.length) {
    throw Object.assign(new Error(report.failures.map((f) => `${f.check} ${f.operationId}: ${f.message}`).join('\n')), { report });
  }
  return report;
}

function selectChecks(options: RunOptions): Set<CheckId> {
  const ids = options.checks ?? CHECK_IDS;
  return new Set(ids.filter((id) => !(options.documentedOnly && CHECKS[id].inferred)));
}

function shard<T>(items: readonly T[], spec: RunOptions['shard']): T[] {
  return spec ? items.filter((_, i) => i % spec.count === spec.index - 1) : [...items];
}

async function assertReachable(client: TargetClient): Promise<void> {
  // Any HTTP answer will do (a 401 or 404 proves something listens); send() throws TARGET_UNREACHABLE.
  await client.send({ operationId: 'listIntegrationCatalog', method: 'GET', path: '/integrations/catalog' });
}

function violationOf(error: unknown, suite: CheckId): ContractViolation {
  if (error instanceof ContractViolation) return error;
  if (error instanceof ToolError) throw error;
  // A suite that cannot go on (say, a body it needed is missing) has found a deviation too.
  const message = error instanceof Error ? error.message : String(error);
  return new ContractViolation([{ check: suite, kind: 'semantic_mismatch', operationId: '(suite)', message: `the suite could not proceed: ${message}` }]);
}

interface Found {
  readonly finding: Finding;
  /** The suite whose run found it: replaying needs that suite's property and path. */
  readonly suite: CheckId;
  readonly run: readonly Exchange[];
  readonly path: string | null;
}

function toFailures(found: readonly Found[], options: RunOptions, secrets: ReadonlySet<string>): ReportFailure[] {
  // A leaked credential must not leak again through the report: responses show it redacted.
  const hide = (text: string) => [...secrets].reduce((redacted, secret) => redacted.split(secret).join(redact(secret)), text);
  const seen = new Set<string>();
  const failures: ReportFailure[] = [];
  for (const { finding, suite, run, path } of found) {
    const key = dedupKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    const request = finding.exchange ? redactRequest(finding.exchange.request) : undefined;
    const id = `F${failures.length + 1}`;
    const replayChecks = [...new Set([suite, finding.check])];
    failures.push({
      id,
      check: finding.check,
      kind: finding.kind,
      title: FINDING_TITLES[finding.kind],
      operationId: finding.operationId,
      message: finding.message,
      ...(request ? { request, curl: toCurl(options.config.target, request) } : {}),
      ...(finding.exchange
        ? {
            response: {
              status: finding.exchange.response.status,
              headers: Object.fromEntries(Object.entries(finding.exchange.response.headers).map(([name, value]) => [name, hide(value)])),
              bodyExcerpt: hide(finding.exchange.response.text).slice(0, 2000),
            },
          }
        : {}),
      steps: run.map((exchange) => redactRequest(exchange.request)),
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
