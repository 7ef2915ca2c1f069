import type { CheckId } from './checks.js';
import type { CellStatus, Coverage, Report } from './report.js';
import type { ProbeCoverage } from './probe-coverage.js';

/**
 * What a run exercised of what it set out to: the operation × check cells its checks apply to (a cell left
 * out by --documented-only or run in another shard is not counted either way), the declared statuses it never
 * observed, and the named probes no run managed to send. A passing run with gaps is conformant only on what it
 * exercised, and the reports say how much that was.
 */
export function buildCoverage(
  matrix: Report['matrix'],
  cellReasons: ReadonlyMap<string, string>,
  outOfScope: ReadonlySet<string>,
  operations: Report['operations'],
  probes: readonly ProbeCoverage[],
): Coverage {
  let exercised = 0;
  let total = 0;
  const gaps = new Map<string, { check: CheckId; reason?: string; operations: string[] }>();
  for (const [operationId, row] of Object.entries(matrix)) {
    for (const [check, cell] of Object.entries(row) as Array<[CheckId, CellStatus]>) {
      const cellKey = `${operationId} ${check}`;
      if (cell === 'not_applicable' || outOfScope.has(cellKey)) continue;
      const reason = cellReasons.get(cellKey);
      total++;
      if (cell === 'passed' || cell === 'failed') {
        exercised++;
        continue;
      }
      const key = `${check}\n${reason ?? ''}`;
      const gap = gaps.get(key) ?? { check, ...(reason ? { reason } : {}), operations: [] };
      gap.operations.push(operationId);
      gaps.set(key, gap);
    }
  }
  const statusesNeverObserved = operations
    .map((operation) => ({ operationId: operation.operationId, statuses: operation.declaredStatuses.filter((status) => !operation.observedStatuses.includes(Number(status))) }))
    .filter((entry) => entry.statuses.length > 0);
  const declared = operations.reduce((sum, operation) => sum + operation.declaredStatuses.length, 0);
  const neverObserved = statusesNeverObserved.reduce((sum, entry) => sum + entry.statuses.length, 0);
  return {
    cells: { exercised, total },
    notExercised: [...gaps.values()],
    statuses: { observed: declared - neverObserved, declared },
    statusesNeverObserved,
    probesNotSent: probes.filter((probe) => !probe.exercised).map(({ check, probe, reason }) => ({ check, probe, reason: reason ?? 'never arranged' })),
    probesSent: probes.filter((probe) => probe.exercised).length,
  };
}

/** True when the run exercised every cell and every probe it set out to. */
export function fullyExercised(coverage: Coverage): boolean {
  return coverage.cells.exercised === coverage.cells.total && coverage.probesNotSent.length === 0;
}

/** "243 of 270 operation × check cells", the figure every report states. */
export function cellsFigure(coverage: Coverage): string {
  return `${coverage.cells.exercised} of ${coverage.cells.total} operation × check cells`;
}
