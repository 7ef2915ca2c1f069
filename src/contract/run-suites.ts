import fc from 'fast-check';
import type { CheckId } from './checks.js';
import type { SentRequest } from './exchange.js';
import type { Finding } from './findings.js';
import { runFrames, type RunOutcome, type SideFinding } from './run-frame.js';
import { Semaphore } from './semaphore.js';
import type { Suite } from './suite.js';
import type { SuiteContext } from './suite-context.js';

export interface SuitePlan {
  readonly suite: Suite;
  readonly seed: number;
  readonly runs: number;
  /** A counterexample path to replay instead of a first pass. */
  readonly path?: string;
}

export interface SuiteResult {
  readonly id: CheckId;
  /** The suite's own failure: the shrunk counterexample's findings, its requests and replay path. */
  readonly failure?: { readonly findings: readonly Finding[]; readonly steps: readonly SentRequest[]; readonly path: string | null };
  /** Other checks' findings from the runs up to the failing one (all runs when it passed), in run order. */
  readonly side: readonly SideFinding[];
  readonly runsDone: number;
  readonly runsPlanned: number;
  /** The operation and status of every request of the runs kept (and of the shrinking), for the report's counts. */
  readonly traffic: ReadonlyArray<readonly [string, number]>;
}

export interface Progress {
  suiteStart(id: CheckId): void;
  runEnd(id: CheckId, done: number, total: number): void;
  suiteEnd(result: SuiteResult): void;
}

/**
 * Runs the suites' properties with up to `workers` runs at once. The first pass draws each suite's runs from
 * its seed exactly as fast-check would (`fc.sample` of the property: the same values as `fc.check`) and runs
 * them side by side, each in the lane of the kind it works on; a suite whose run `i` fails keeps what runs up to `i` found
 * and is then shrunk by fast-check from path `i`, one run after another. Every run starts from the clean
 * state the one before it in its lane left, so the same seed gives the same findings whatever `workers` is.
 */
export async function runSuites(plans: readonly SuitePlan[], context: SuiteContext, workers: number, signal: AbortSignal, progress: Progress): Promise<SuiteResult[]> {
  const slots = new Semaphore(workers);
  return Promise.all(plans.map((plan) => (plan.path === undefined ? firstPass(plan, context, slots, signal, progress) : replayPath(plan, context, slots, progress))));
}

async function firstPass(plan: SuitePlan, context: SuiteContext, slots: Semaphore, signal: AbortSignal, progress: Progress): Promise<SuiteResult> {
  const property = plan.suite.property(context);
  const outcomes: Array<RunOutcome | undefined> = [];
  let failing: number | undefined;
  let done = 0;
  const started: Array<Promise<void>> = [];
  for (let index = 0; index < plan.runs; index++) {
    await slots.acquire();
    // Runs past a failing one are not wanted: fast-check would have stopped there.
    if (signal.aborted || (failing !== undefined && index > failing)) {
      slots.release();
      break;
    }
    if (index === 0) progress.suiteStart(plan.suite.id);
    // Run `index` of fast-check's first pass, drawn when it is due: path `index` walks there without drawing
    // the runs before it, so drawing does not hold up the event loop all at once.
    const [value] = fc.sample(property, { seed: plan.seed, numRuns: 1, path: String(index) });
    const cancelled = () => failing !== undefined && index > failing;
    const frame = { suite: plan.suite.id, index, sidePath: String(index), slots, cancelled, report: (outcome: RunOutcome) => void (outcomes[index] = outcome) };
    started.push(
      runFrames
        .run(frame, () => property.run(value as never))
        .then(() => {
          const outcome = outcomes[index];
          if (outcome?.completed) progress.runEnd(plan.suite.id, ++done, plan.runs);
          if (outcome?.own.length && (failing === undefined || index < failing)) failing = index;
        })
        .finally(() => slots.release()),
    );
  }
  await Promise.all(started);
  const kept = outcomes.slice(0, failing === undefined ? undefined : failing + 1);
  const side = kept.flatMap((outcome) => outcome?.side ?? []);
  const runsDone = kept.filter((outcome) => outcome?.completed).length;
  const traffic = kept.flatMap((outcome) => outcome?.traffic ?? []);
  let result: SuiteResult = { id: plan.suite.id, side, runsDone, runsPlanned: plan.runs, traffic };
  if (failing !== undefined) {
    const first = outcomes[failing]!;
    const shrunk = signal.aborted ? undefined : await shrink(plan, property, String(failing), context, slots, null);
    result = { ...result, traffic: [...traffic, ...(shrunk?.traffic ?? [])], failure: shrunk?.failure ?? { findings: first.own, steps: first.steps, path: String(failing) } };
  }
  progress.suiteEnd(result);
  return result;
}

/** Replays one counterexample path (and shrinks it further, as fast-check does), side findings included. */
async function replayPath(plan: SuitePlan, context: SuiteContext, slots: Semaphore, progress: Progress): Promise<SuiteResult> {
  progress.suiteStart(plan.suite.id);
  const replayed = await shrink(plan, plan.suite.property(context), plan.path!, context, slots, plan.path!);
  const result = { id: plan.suite.id, side: replayed.side, runsDone: replayed.traffic.length ? 1 : 0, runsPlanned: 1, traffic: replayed.traffic, ...(replayed.failure ? { failure: replayed.failure } : {}) };
  progress.suiteEnd(result);
  return result;
}

async function shrink(plan: SuitePlan, property: ReturnType<Suite['property']>, path: string, context: SuiteContext, slots: Semaphore, sidePath: string | null) {
  let last: RunOutcome | undefined;
  let first = true;
  const side: SideFinding[] = [];
  const traffic: Array<readonly [string, number]> = [];
  const frame = {
    suite: plan.suite.id,
    // A shrunk run comes from the first-pass run its path starts with, and works as that one did.
    index: Number(path.split(':')[0]),
    sidePath,
    slots,
    report: (outcome: RunOutcome) => {
      if (outcome.own.length) last = outcome; // fast-check's counterexample is the last run that failed
      traffic.push(...outcome.traffic);
      // Side findings only of the run the path names: the shrunk candidates after it replay under other paths.
      if (sidePath !== null && first) side.push(...outcome.side);
      first = false;
    },
  };
  await slots.acquire();
  try {
    const details = await runFrames.run(frame, () => fc.check(property, { seed: plan.seed, numRuns: plan.runs, path }));
    const failure = details.failed && last ? { findings: last.own, steps: last.steps, path: details.counterexamplePath } : undefined;
    return { failure, side, traffic };
  } finally {
    slots.release();
  }
}
