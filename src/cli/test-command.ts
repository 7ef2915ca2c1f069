import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITES } from '../../contracts/index.js';
import { CHECKS, parseCheckList, type CheckId } from '../contract/checks.js';
import { loadTestConfig } from '../contract/config.js';
import { loadContract } from '../contract/contract.js';
import { cellsFigure, fullyExercised } from '../contract/coverage.js';
import { runContracts } from '../contract/runner.js';
import type { FindingGroup, Report } from '../contract/report.js';
import { counted, findingsHeadline, moreOccurrences, occurrencesOf, spread } from '../report/finding-text.js';
import { REPORT_WRITERS } from '../report/writers.js';
import { defaultSpecPath } from '../spec/load-spec.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { integerFlag, parseFlags } from './parse-flags.js';
import { reportDirectory } from './report-directory.js';
import { ProgressPrinter } from './progress.js';
import { toolVersion } from './tool-version.js';

/** Property runs under way at once by default: enough to hide a remote target's latency (see the README). */
export const DEFAULT_WORKERS = 8;

const HELP = `usage: flowyte-contract test --config FILE [options]

Fires generated valid and invalid requests at an implementation of the contract and reports every deviation.

options:
  --config FILE         keys, orgs and agents to test with (JSON or YAML); see the README
  --target URL          base URL including /api/v1 (overrides the config's target)
  --seed N              fast-check seed (default: random, printed)
  --runs N              runs per property (default 100)
  --checks ID,ID        only these checks (default: all)
  --path P              replay one counterexample path (with its --seed and --checks)
  --suite ID            the suite that drives the runs when the checks judged are others (a replay of a
                        response check's finding: the suite that found it)
  --workers N           property runs under way at once (default ${DEFAULT_WORKERS}); see the README for what it changes
  --timeout MS          each request must be answered whole within MS milliseconds (default 10000)
  --max-time S          stop the whole run after S seconds, with partial reports
  --max-body-bytes N    read response bodies up to N bytes (default 1048576)
  --report-dir DIR      where the reports go (default flowyte-report)
  --shard I/N           run the I-th of N shards of the suites
  --documented-only     leave out checks that rest on x-inferred parts of the contract
  --spec FILE           the contract (default: the packaged openapi.yaml)
  -h, --help            show this help

exit status: 0 conformant, 1 at least one check failed, 2 usage or tool error (or the target stopped
answering: partial reports written), 3 stopped by --max-time before any failure, 130/143 interrupted by
SIGINT/SIGTERM (partial reports written)
`;

export const testCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    config: { type: 'string' },
    target: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string', default: '100' },
    checks: { type: 'string' },
    path: { type: 'string' },
    suite: { type: 'string' },
    workers: { type: 'string', default: String(DEFAULT_WORKERS) },
    timeout: { type: 'string', default: '10000' },
    'max-time': { type: 'string' },
    'max-body-bytes': { type: 'string', default: String(1024 * 1024) },
    'report-dir': { type: 'string', default: 'flowyte-report' },
    shard: { type: 'string' },
    'documented-only': { type: 'boolean', default: false },
    spec: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (!values.config) throw new ToolError('USAGE', 'test needs --config FILE (run `flowyte-contract mock --print-config` for the mock\'s)');
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integerFlag('--seed', values.seed, -(2 ** 31), 2 ** 31 - 1);
  const runs = integerFlag('--runs', values.runs, 1, 100_000);
  const workers = integerFlag('--workers', values.workers, 1, 256);
  const timeoutMs = integerFlag('--timeout', values.timeout, 1, 3_600_000);
  const maxTimeMs = values['max-time'] === undefined ? undefined : integerFlag('--max-time', values['max-time'], 1, 7 * 24 * 3600) * 1000;
  const maxBodyBytes = integerFlag('--max-body-bytes', values['max-body-bytes'], 1024, 1024 ** 3);
  const checks = values.checks === undefined ? undefined : parseCheckList(values.checks);
  if (typeof checks === 'string') throw new ToolError('USAGE', checks);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const suite = values.suite === undefined ? undefined : parseSuite(values.suite);
  const otherSuites = suite && checks ? checks.filter((id) => CHECKS[id].kind === 'suite' && id !== suite) : [];
  if (otherSuites.length) throw new ToolError('USAGE', `--suite ${suite} drives every run: --checks may name response checks and ${suite}, not ${otherSuites.join(', ')}`);

  const config = loadTestConfig(values.config, io.env, values.target);
  const directory = reportDirectory(values['report-dir']);
  const contract = await loadContract(values.spec ?? defaultSpecPath());
  // The first SIGINT or SIGTERM stops sending; the run then cleans up and writes what it has.
  const interrupt = new AbortController();
  let signal: string | undefined;
  void io.stopSignal.then((name) => {
    signal = name || 'SIGINT';
    interrupt.abort();
  });
  // Said once the target answered (with the first suite): an unreachable target is one line alone.
  let announced = false;
  const announce = () => announced || ((announced = true), io.stdout(`flowyte-contract test: ${config.target}, seed ${seed}, ${runs} runs per property, ${workers} worker(s)\n`));
  const progress = new ProgressPrinter(io);
  let report: Report;
  try {
    report = await runContracts({
      contract,
      config,
      suites: SUITES,
      checks: checks as CheckId[] | undefined,
      seed,
      runs,
      path: values.path,
      suite,
      shard,
      documentedOnly: values['documented-only'],
      workers,
      timeoutMs,
      maxBodyBytes,
      maxTimeMs,
      signal: interrupt.signal,
      configPath: values.config,
      toolVersion: toolVersion(),
      onEvent: (event) => {
        announce();
        progress.handle(event);
      },
    });
  } finally {
    progress.finish();
  }
  announce();
  writeReports(report, directory);
  io.stdout(summary(report, directory));
  return exitStatus(report, signal, io);
};

/** 0 conformant, 1 a failure; a run cut short says why, and never passes for complete. */
function exitStatus(report: Report, signal: string | undefined, io: Parameters<Command>[1]): number {
  switch (report.completion.status) {
    case 'interrupted':
      return signal === 'SIGTERM' ? 143 : 130;
    case 'target_unreachable':
      io.stderr(`flowyte-contract: TARGET_UNREACHABLE: ${report.completion.message}; the reports hold what was done before\n`);
      return 2;
    case 'deadline':
    case 'unclean':
      return report.failures.length ? 1 : 3;
    case 'complete':
      return report.failures.length ? 1 : 0;
  }
}

function summary(report: Report, directory: string): string {
  const lines = [''];
  const { completion } = report;
  if (completion.status !== 'complete') lines.push(`INCOMPLETE: ${completion.message} (${completion.runsDone} of ${completion.runsPlanned} runs done)`);
  lines.push(`checks: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`);
  lines.push(...coverageLines(report));
  for (const check of report.checks.filter((c) => c.status !== 'passed')) lines.push(`  ${check.status === 'failed' ? '✘' : '–'} ${check.id}${check.reason ? `: ${check.reason}` : ''}`);
  if (report.failures.length) lines.push(findingsHeadline(report));
  for (const group of report.findings.slice(0, END_SCREEN.findings)) lines.push(...findingLines(report, group));
  if (report.findings.length > END_SCREEN.findings) lines.push(`… and ${counted(report.findings.length - END_SCREEN.findings, 'more finding')} in the report`);
  lines.push(`${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; reports in ${directory}`, '');
  return lines.join('\n');
}

/** How much of the findings the end screen shows; summary.md and report.html have more. */
const END_SCREEN = { findings: 10, occurrences: 2, operations: 5 } as const;

/** A finding on the end screen: check, title, spread, symptom and operations, then its first occurrences' replays. */
function findingLines(report: Report, group: FindingGroup): string[] {
  const { operations } = group;
  const named = operations.slice(0, END_SCREEN.operations).join(', ');
  const lines = [
    `${group.id} ${group.check} · ${group.title} — ${spread(group)}`,
    `   ${group.symptom}`,
    `   on ${named}${operations.length > END_SCREEN.operations ? ` and ${operations.length - END_SCREEN.operations} more` : ''}`,
  ];
  for (const failure of occurrencesOf(report, group).slice(0, END_SCREEN.occurrences)) {
    lines.push(`   ${failure.id} ${failure.operationId}: ${failure.message}`, `      replay: ${failure.replay}`);
  }
  const more = moreOccurrences(group, END_SCREEN.occurrences);
  return more ? [...lines, `   ${more}`] : lines;
}

/** What the run exercised: a passing run with gaps is conformant only on that, and the end screen says so. */
function coverageLines(report: Report): string[] {
  const { coverage } = report;
  const gaps = [
    ...(coverage.statusesNeverObserved.length ? [`declared statuses never observed: ${coverage.statuses.declared - coverage.statuses.observed}`] : []),
    ...(coverage.probesNotSent.length ? [`probes never sent: ${coverage.probesNotSent.length}`] : []),
  ];
  const verdict = !report.failures.length && report.completion.status === 'complete' ? (fullyExercised(coverage) ? 'conformant on everything: ' : 'conformant on what was exercised: ') : 'exercised: ';
  const never = coverage.statusesNeverObserved.map((entry) => `${entry.operationId} ${entry.statuses.join(',')}`);
  return [
    `${verdict}${cellsFigure(coverage)}${gaps.length ? `; ${gaps.join('; ')} (see summary.md)` : ''}`,
    ...(never.length ? [`  never observed: ${never.join(' · ')}`] : []),
  ];
}

function writeReports(report: Report, directory: string): void {
  for (const { file, write } of Object.values(REPORT_WRITERS)) writeFileSync(join(directory, file), write(report));
}

function parseSuite(value: string): CheckId {
  const id = SUITES.find((suite) => suite.id === value)?.id;
  if (!id) throw new ToolError('USAGE', `--suite must name a suite (${SUITES.map((suite) => suite.id).join(', ')}), not "${value}"`);
  return id;
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new ToolError('USAGE', `--shard must be I/N with 1 ≤ I ≤ N, not "${value}"`);
  return { index, count };
}
