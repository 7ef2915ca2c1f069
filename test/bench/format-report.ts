import type { BenchReport } from './bench-report.js';
import type { LoadFigures } from './measure.js';
import { TARGETS } from './targets.js';

const PRISM_REFERENCE = 'about 1,600 req/s, p99 ~94 ms, 1.3 s start-up, 225 MB';

/** Columns padded to their widest cell; columns listed in `right` are right-aligned (numbers). */
function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, column) => (right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');
const statuses = (figures: LoadFigures): string =>
  Object.entries(figures.statusCodes).map(([status, count]) => `${status}×${count}`).join(' ') || '-';

/** The bench's printed output: load table, per-server table, targets with PASS/MISS, and notes. Pure. */
export function formatReport(report: BenchReport): string {
  const loadRows = report.servers.flatMap((server) =>
    report.scenarios.flatMap((scenario) => {
      const figures = server.loads.get(scenario);
      if (figures === undefined) return [];
      return [[server.name, scenario, integer(figures.requestsPerSec), String(figures.p99Ms), integer(figures.non2xx),
        integer(figures.errors), integer(figures.timeouts), statuses(figures)]];
    }),
  );
  const serverRows = report.servers.map((server) => [
    server.name,
    server.basePath || '/',
    server.probeAnswers.join('; ') || '-',
    `${integer(server.startupMs)} (${integer(Math.min(...server.startupRunsMs))}–${integer(Math.max(...server.startupRunsMs))})`,
    server.rssIdleMb.toFixed(1),
    server.rssAfterLoadMb.toFixed(1),
  ]);
  const outcomes = TARGETS.flatMap((target) => target(report));
  const targetRows = outcomes.map((outcome) => [outcome.label, outcome.figure, outcome.target, outcome.pass === undefined ? 'n/a' : outcome.pass ? 'PASS' : 'MISS']);
  const missed = outcomes.filter((outcome) => outcome.pass === false).length;

  const core = report.coreCreation;
  return [
    'In-process (this process, warm): createMockCore() over the packaged contract, as a test or a page creates one',
    table(['figure', 'ms'], [
      ['import flowyte-contract (the core and the compiled contract)', core.importMs.toFixed(1)],
      ['first createMockCore() (decodes the document)', core.firstMs.toFixed(1)],
      [`createMockCore(), median of ${core.warmRuns}`, core.warmMedianMs.toFixed(2)],
      [`createMockCore(), slowest of ${core.warmRuns}`, core.warmMaxMs.toFixed(2)],
      [`from a file instead (loadSpec + ajv compile, --spec FILE), median of ${core.fromFileRuns}`, core.fromFileMedianMs.toFixed(0)],
    ], new Set([1])),
    '',
    `Load: ${report.connections} connections, ${report.durationSec} s per scenario after a ${report.warmupSec} s warm-up (not counted); node ${report.nodeVersion}`,
    table(['server', 'scenario', 'req/s', 'p99 ms', 'non-2xx', 'errors', 'timeouts', 'statuses'], loadRows, new Set([2, 3, 4, 5, 6])),
    '',
    `Servers: start-up = spawn to first 2xx on GET /integrations (polled every 10 ms), median (min–max) of ${report.servers[0]?.startupRunsMs.length ?? 0} starts; RSS = VmRSS of the server process`,
    table(['server', 'base path', 'other probe answers', 'start-up ms', 'RSS idle MB', 'RSS after load MB'], serverRows, new Set([3, 4, 5])),
    '',
    `Targets (${outcomes.length - missed} of ${outcomes.length} met; printed only, never fails the run)`,
    table(['figure', 'measured', 'target', 'result'], targetRows, new Set([1])),
    '',
    `Note: autocannon runs inside the bench process, so client and server share the machine's ${report.cores} cores;`,
    '      absolute req/s understate each server, the ratios are the comparable figures.',
    'Note: p99 covers every answer, in whole milliseconds (autocannon\'s histogram resolution): 5 means 5.0 to 5.99 ms.',
    `Note: reference seen here for Prism on the seed spec: ${PRISM_REFERENCE}.`,
    '',
  ].join('\n');
}
