import { setMaxListeners } from 'node:events';
import { CHECKS, CHECK_IDS, type CheckId } from './checks.js';
import type { TestConfig } from './config.js';
import { integrationKinds, type Contract } from './contract.js';
import { ToolError } from '../tool-errors.js';
import { buildReport } from './build-report.js';
import type { Exchange } from './exchange.js';
import { probeTarget } from './probe-target.js';
import type { Completion, Report } from './report.js';
import { runSuites, type SuiteResult } from './run-suites.js';
import type { Suite } from './suite.js';
import { SuiteContext } from './suite-context.js';
import { DEFAULT_LIMITS, TargetClient } from './target-client.js';

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
  /**
   * The suite that drives the runs, when the checks judged are others (a response check's counterexample is
   * replayed by running the suite that found it, judged by that check alone).
   */
  readonly suite?: CheckId;
  /** `{ index: 1, count: 4 }` runs the first of four shards of the suites. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly documentedOnly?: boolean;
  /** How many property runs may be under way at once (default 1 here; the CLI's default is 8). */
  readonly workers?: number;
  /** Each request's whole exchange must end within this (default 10 s). */
  readonly timeoutMs?: number;
  /** Response bodies are read up to this many bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** The whole run stops at this deadline (a duration in milliseconds from the start). */
  readonly maxTimeMs?: number;
  /** Aborting it stops the run: nothing more is sent, and the report says it was interrupted. */
  readonly signal?: AbortSignal;
  readonly configPath?: string;
  readonly toolVersion?: string;
  readonly onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { readonly type: 'suite-start'; readonly id: CheckId }
  | { readonly type: 'run-end'; readonly id: CheckId; readonly done: number; readonly total: number }
  | { readonly type: 'suite-end'; readonly id: CheckId; readonly status: 'passed' | 'failed'; readonly findings: number }
  | { readonly type: 'suite-skipped'; readonly id: CheckId; readonly reason: string }
  | { readonly type: 'exchange'; readonly exchange: Exchange; readonly suite?: CheckId };

/**
 * Runs the suites against the target and returns the report; never throws for a deviation or a network
 * fault. It throws a ToolError only before the suites start (the target does not answer as the API would).
 * A run stopped early (signal, --max-time, a target that stopped answering) still returns its report, with
 * `completion` saying so.
 */
export async function runContracts(options: RunOptions): Promise<Report> {
  const started = Date.now();
  checkPreconnectedKinds(options);
  const selected = selectChecks(options);
  const workers = options.workers ?? 1;
  // Requests under way are bounded too, each worker's run sending a few side by side: with every body at the
  // cap, memory stays bounded by the workers.
  const limits = { timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes, maxInFlight: 4 * workers };
  const stop = new AbortController();
  // Every request under way listens to it: as many as the workers send at once, more than Node's default of 10.
  setMaxListeners(0, stop.signal);
  let stopped: Omit<Completion, 'runsPlanned' | 'runsDone'> | undefined;
  const halt = (status: NonNullable<typeof stopped>['status'], message: string) => {
    if (stop.signal.aborted) return;
    stopped = { status, message };
    stop.abort();
  };
  const onSignal = () => halt('interrupted', 'interrupted by a signal');
  options.signal?.addEventListener('abort', onSignal, { once: true });
  if (options.signal?.aborted) onSignal();
  const deadline = options.maxTimeMs === undefined ? undefined : setTimeout(() => halt('deadline', `stopped at the --max-time deadline of ${options.maxTimeMs! / 1000} s`), options.maxTimeMs);
  const client = new TargetClient(options.config.target, limits, stop.signal);
  try {
    // A stop during the probe is a stop (its request ends `aborted`), not an unreachable target.
    await probeTarget(client, options.contract, options.config).catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });

    // A target that stops answering altogether ends the run: that many faults in a row, no answer between.
    let faultsInARow = 0;
    const context = new SuiteContext(options.contract, options.config, client, selected, {
      documentedOnly: options.documentedOnly,
      signal: stop.signal,
      cleanUpTimeoutMs: Math.min(limits.timeoutMs, 5_000),
      onExchange: (exchange, suite) => {
        faultsInARow = 0;
        options.onEvent?.({ type: 'exchange', exchange, ...(suite ? { suite } : {}) });
      },
      onFault: (fault) => {
        if (++faultsInARow >= 2 * workers + 8) halt('target_unreachable', `the target stopped answering: ${faultsInARow} requests in a row got no answer (last: ${fault.message})`);
      },
    });
    const suiteIds = new Set(options.suites.map((suite) => suite.id));
    const ownSuites = options.suites.filter((suite) => selected.has(suite.id));
    // Response checks judge the traffic of the suites; with none of those selected, every suite drives.
    const driver = options.suite === undefined ? undefined : options.suites.filter((suite) => suite.id === options.suite);
    const runnable = driver ?? shard(ownSuites.length ? ownSuites : options.suites, options.shard);
    const skipped = new Map<CheckId, string>();
    for (const suite of runnable) {
      const reason = suite.skipReason?.(context);
      if (reason) {
        skipped.set(suite.id, reason);
        options.onEvent?.({ type: 'suite-skipped', id: suite.id, reason });
      }
    }
    const plans = runnable.filter((suite) => !skipped.has(suite.id)).map((suite) => ({ suite, seed: options.seed, runs: options.runs, ...(options.path ? { path: options.path } : {}) }));

    if (!stop.signal.aborted) await context.cleanUp(true);
    if (!stop.signal.aborted) await context.confirmPreconnected();
    const results: SuiteResult[] = await runSuites(plans, context, workers, stop.signal, {
      suiteStart: (id) => options.onEvent?.({ type: 'suite-start', id }),
      runEnd: (id, done, total) => options.onEvent?.({ type: 'run-end', id, done, total }),
      suiteEnd: (result) => options.onEvent?.({ type: 'suite-end', id: result.id, status: result.failure ? 'failed' : 'passed', findings: result.failure?.findings.length ?? 0 }),
    });
    await context.cleanUp(true);
    const leftovers = context.leftoverFindings();
    if (leftovers.length) {
      // Reported once for the whole test run (see CleanStart.findings), beside the stateful suite's own.
      const side = leftovers.map((finding) => ({ finding, steps: [], path: null }));
      const at = results.findIndex((result) => result.id === 'stateful');
      if (at === -1) results.push({ id: 'stateful', side, runsDone: 0, runsPlanned: 0, traffic: [] });
      else results[at] = { ...results[at]!, side: [...results[at]!.side, ...side] };
    }

    // Counted from the runs the report keeps (not from runs past a failing one, which more workers may have
    // started), so that the counts, like the findings, do not depend on --workers.
    const observed = new Map<string, Set<number>>();
    const exercised = new Set<string>();
    let requests = 0;
    for (const result of results) {
      for (const [operationId, status] of result.traffic) {
        requests++;
        if (status === 0) continue; // no answer: a response_received finding says so
        observed.set(operationId, (observed.get(operationId) ?? new Set()).add(status));
        for (const id of selected) if (CHECKS[id].kind === 'response' || id === result.id) exercised.add(`${operationId} ${id}`);
      }
    }
    const runsPlanned = plans.length * (options.path ? 1 : options.runs);
    const runsDone = results.reduce((sum, result) => sum + result.runsDone, 0);
    const unclean = context.uncleanStarts();
    // Runs left out for an unclean lane are no passes: the run is incomplete, and says which leftover did it.
    if (!stopped && unclean.count) stopped = { status: 'unclean', message: `${unclean.count} run(s) left out because their lanes could not be brought back to a clean state; the first: ${unclean.cause}` };
    const completion: Completion = { status: stopped?.status ?? 'complete', ...(stopped ? { message: stopped.message } : {}), runsPlanned, runsDone };
    return buildReport(
      { ...options, workers, timeoutMs: limits.timeoutMs, maxBodyBytes: limits.maxBodyBytes },
      { selected, results, skipped, suiteIds, observed, exercised, applicable: applicableCells(options.suites, context, selected), probes: context.probeCoverage(), secrets: context.submittedSecrets(), requests, started, completion },
    );
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onSignal);
    await client.close();
  }
}

/** Runs like runContracts and throws one error carrying every failure, a line per finding, when the target deviates. */
export async function assertConformance(options: RunOptions): Promise<Report> {
  const report = await runContracts(options);
  if (report.failures.length) {
    const lines = report.findings.map((f) => `${f.id} ${f.check} (${f.count} occurrence${f.count === 1 ? '' : 's'} on ${f.operations.join(', ')}): ${f.message}`);
    throw Object.assign(new Error(lines.join('\n')), { report });
  }
  return report;
}

/** Check → the operations it judges: every operation for a response check, those its suite names for a suite's. */
function applicableCells(suites: readonly Suite[], context: SuiteContext, selected: ReadonlySet<CheckId>): Map<CheckId, ReadonlySet<string>> {
  const every = context.contract.operations.map((operation) => operation.operationId);
  return new Map(
    [...selected].map((id) => {
      const suite = CHECKS[id].kind === 'suite' ? suites.find((candidate) => candidate.id === id) : undefined;
      return [id, new Set(suite?.operations?.(context) ?? every)];
    }),
  );
}

function selectChecks(options: RunOptions): Set<CheckId> {
  const ids = options.checks ?? CHECK_IDS;
  return new Set(ids.filter((id) => !(options.documentedOnly && CHECKS[id].inferred)));
}

function shard<T>(items: readonly T[], spec: RunOptions['shard']): T[] {
  return spec ? items.filter((_, i) => i % spec.count === spec.index - 1) : [...items];
}

/** A pre-connected kind the contract does not know is a typo in the config, which would otherwise go unnoticed. */
function checkPreconnectedKinds(options: RunOptions): void {
  const kinds = new Set(integrationKinds(options.contract));
  for (const [org, connected] of Object.entries(options.config.oauth?.connected ?? {})) {
    const unknown = connected.find((kind) => !kinds.has(kind));
    if (unknown) throw new ToolError('CONFIG_INVALID', `oauth.connected.${org} names ${JSON.stringify(unknown)}, which is no integration kind of the contract (${[...kinds].join(', ')})`);
  }
}
