import type { CheckId } from './checks.js';
import type { SentRequest } from './exchange.js';
import type { FindingKind } from './findings.js';

export const REPORT_VERSION = 1;

/** `not_applicable`: the check does not judge that operation (a suite's own check judges the operations it names). */
export type CellStatus = 'passed' | 'failed' | 'skipped' | 'not_exercised' | 'not_applicable';

/** How much of what the run set out to exercise it did (see coverage.ts). */
export interface Coverage {
  /** Operation × check cells the selected checks apply to, and how many some exchange exercised. */
  readonly cells: { readonly exercised: number; readonly total: number };
  /** The cells no exchange exercised, by check (and why, when the check was skipped). */
  readonly notExercised: ReadonlyArray<{ readonly check: CheckId; readonly reason?: string; readonly operations: readonly string[] }>;
  /** Declared response statuses (operation × status) some answer showed, of all declared. */
  readonly statuses: { readonly observed: number; readonly declared: number };
  readonly statusesNeverObserved: ReadonlyArray<{ readonly operationId: string; readonly statuses: readonly string[] }>;
  /** Named probes of a check (a loopback host, a personal-data column in a write) no run could send, and why. */
  readonly probesNotSent: ReadonlyArray<{ readonly check: CheckId; readonly probe: string; readonly reason: string }>;
  readonly probesSent: number;
}

export interface ReportFailure {
  /** Stable within a report: `F1`, `F2`, … in the order found. */
  readonly id: string;
  readonly check: CheckId;
  readonly kind: FindingKind;
  readonly title: string;
  readonly operationId: string;
  readonly message: string;
  /** The request that shows it, the Authorization header redacted. */
  readonly request?: SentRequest;
  readonly curl?: string;
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly bodyExcerpt: string; readonly truncated?: boolean };
  /** How the request failed when no whole answer came (timeout, reset, body_cut, refused, protocol). */
  readonly fault?: string;
  /** The whole failing run as traffic (requests redacted), which `replay` sends again. */
  readonly steps: readonly SentRequest[];
  readonly seed: number;
  readonly path: string | null;
  /** The suite whose run sent the request: a response check's finding is replayed by running that suite. */
  readonly suite: CheckId;
  /** The checks a replay judges: the failing check alone (the suite drives the run without being judged). */
  readonly replayChecks: readonly CheckId[];
  /** A command line that reproduces exactly this counterexample. */
  readonly replay: string;
}

/**
 * One cause, however often met: the occurrences (failures) of one check and kind whose messages read the same
 * once what varies per request is masked (see finding-groups.ts). `D1`, `D2`, … in the order first met.
 */
export interface FindingGroup {
  readonly id: string;
  readonly check: CheckId;
  readonly kind: FindingKind;
  readonly title: string;
  /** The message with what varies per request masked: `the problem's status <n> differs from the HTTP status <n>`. */
  readonly symptom: string;
  /** The first occurrence's message, as it was. */
  readonly message: string;
  /** The operations it occurs on, in the order first met. */
  readonly operations: readonly string[];
  /** The ids of its failures (`F1`, …), each with its own request and replay command. */
  readonly occurrences: readonly string[];
  readonly count: number;
}

/**
 * Whether the run did all it set out to: `interrupted` by a signal, stopped by its `deadline` (--max-time),
 * ended early because the target stopped answering (`target_unreachable`), or ran to the end with runs left out
 * because their lanes could not be brought back to a clean state (`unclean`: a connection that stays after disconnect).
 */
export interface Completion {
  readonly status: 'complete' | 'interrupted' | 'deadline' | 'target_unreachable' | 'unclean';
  readonly message?: string;
  readonly runsPlanned: number;
  readonly runsDone: number;
}

/**
 * Where the exchanges of a report came from when they were recorded rather than sent (`check --har`): the file,
 * which of its entries were judged, and why the others were not.
 */
export interface RecordedSource {
  /** The HAR file, as given. */
  readonly har: string;
  /** Which entries lie in the API: `under /api/v1 on any origin`, `under https://staging.example.com/api/v1`. */
  readonly scope: string;
  /** The one entry judged (`--entry N`), when not all were. */
  readonly entry?: number;
  readonly entries: number;
  readonly judged: number;
  /** Entries outside the API (another origin, path or scheme). */
  readonly skippedOutside: number;
  /** Entries no answer came for (status 0 or -1: blocked, cancelled, refused). */
  readonly skippedNoResponse: number;
  /** CORS preflights: OPTIONS on a path of the API, no operation to judge them by. */
  readonly skippedPreflights: number;
  /** Requests to routes under the base path the contract does not describe: skipped, whatever the answer. */
  readonly skippedNotInContract: number;
  /** Judged answers whose body the HAR did not record: judged on status and headers only. */
  readonly bodiesNotRecorded: number;
  /** Requests the contract refuses that the server refused too (4xx): not failures. */
  readonly invalidRequestsRefused: number;
  /** Occurrences met past the number kept of one check, operation and status: counted here, not in `failures`. */
  readonly occurrencesNotKept: number;
}

export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: 'flowyte-contract'; readonly version: string };
  readonly target: string;
  readonly configPath?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly seed: number;
  readonly runs: number;
  readonly requests: number;
  readonly options: { readonly checks: readonly CheckId[]; readonly documentedOnly: boolean; readonly shard?: string; readonly workers: number; readonly timeoutMs: number; readonly maxBodyBytes: number };
  readonly completion: Completion;
  readonly checks: ReadonlyArray<{
    readonly id: CheckId;
    readonly title: string;
    readonly kind: 'response' | 'suite';
    readonly inferred: boolean;
    readonly source: string;
    readonly status: 'passed' | 'failed' | 'skipped';
    readonly reason?: string;
  }>;
  readonly operations: ReadonlyArray<{
    readonly operationId: string;
    readonly method: string;
    readonly path: string;
    readonly declaredStatuses: readonly string[];
    readonly observedStatuses: readonly number[];
  }>;
  /** operationId → check → cell */
  readonly matrix: Readonly<Record<string, Readonly<Partial<Record<CheckId, CellStatus>>>>>;
  readonly coverage: Coverage;
  /** Every distinct occurrence, each replayable on its own. */
  readonly failures: readonly ReportFailure[];
  /** The failures grouped by cause: what a reviewer counts. */
  readonly findings: readonly FindingGroup[];
  readonly summary: { readonly passed: number; readonly failed: number; readonly skipped: number };
  /** Set by `check --har`: the recording judged, and what of it was skipped. */
  readonly source?: RecordedSource;
}
