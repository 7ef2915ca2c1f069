import { AsyncLocalStorage } from 'node:async_hooks';
import type { CheckId } from './checks.js';
import type { SentRequest } from './exchange.js';
import type { Finding } from './findings.js';
import type { Semaphore } from './semaphore.js';

/** A finding of another check than the running suite's, with the run that showed it and how to replay it. */
export interface SideFinding {
  readonly finding: Finding;
  /** Every request of the run, redacted: what a replay sends again. */
  readonly steps: readonly SentRequest[];
  readonly path: string | null;
}

/** What one property run ended with: its own findings fail the suite, the side ones are kept aside. */
export interface RunOutcome {
  readonly own: readonly Finding[];
  readonly side: readonly SideFinding[];
  /** The requests of the run, redacted. */
  readonly steps: readonly SentRequest[];
  /** Each request's operation and status (0: no answer): what the report counts, of the runs it keeps only. */
  readonly traffic: ReadonlyArray<readonly [operationId: string, status: number]>;
  /** False when the run was stopped (deadline, signal, target gone) before it ended: it proves nothing. */
  readonly completed: boolean;
}

/** What the runner tells the suite context about the property run it is executing. */
export interface RunFrame {
  readonly suite: CheckId;
  /** The run's index in the suite's first pass (for a shrunk or replayed run, the one it comes from). */
  readonly index: number;
  /** The replay path of this run's side findings; null where they are not wanted (while shrinking). */
  readonly sidePath: string | null;
  readonly report: (outcome: RunOutcome) => void;
  /** True once the run is no longer wanted (a run before it in its suite failed): it ends without sending. */
  readonly cancelled?: () => boolean;
  /** The worker slot this run holds, given up while it waits for a lane. */
  readonly slots?: Semaphore;
}

/** The frame of the run in progress, carried through its async calls (runs of many suites interleave). */
export const runFrames = new AsyncLocalStorage<RunFrame>();
