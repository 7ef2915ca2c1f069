import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUITES } from '../../contracts/index.js';
import { parseCheckList, type CheckId } from '../contract/checks.js';
import { loadTestConfig } from '../contract/config.js';
import { loadContract } from '../contract/contract.js';
import { runContracts, type RunEvent } from '../contract/runner.js';
import type { Report } from '../contract/report.js';
import { REPORT_WRITERS } from '../report/writers.js';
import { defaultSpecPath } from '../spec/load-spec.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { parseFlags } from './parse-flags.js';
import { toolVersion } from './tool-version.js';

const HELP = `usage: flowyte-contract test --config FILE [options]

Fires generated valid and invalid requests at an implementation of the contract and reports every deviation.

options:
  --config FILE       keys, orgs and agents to test with (JSON or YAML); see the README
  --target URL        base URL including /api/v1 (overrides the config's target)
  --seed N            fast-check seed (default: random, printed)
  --runs N            runs per property (default 100)
  --checks ID,ID      only these checks (default: all)
  --path P            replay one counterexample path (with its --seed and --checks)
  --report-dir DIR    where the reports go (default flowyte-report)
  --shard I/N         run the I-th of N shards of the suites
  --documented-only   leave out checks that rest on x-inferred parts of the contract
  --spec FILE         the contract (default: the packaged openapi.yaml)
  -h, --help          show this help

exit status: 0 conformant, 1 at least one check failed, 2 usage or tool error
`;

export const testCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    config: { type: 'string' },
    target: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string', default: '100' },
    checks: { type: 'string' },
    path: { type: 'string' },
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
  const checks = values.checks === undefined ? undefined : parseCheckList(values.checks);
  if (typeof checks === 'string') throw new ToolError('USAGE', checks);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);

  const config = loadTestConfig(values.config, io.env, values.target);
  const contract = await loadContract(values.spec ?? defaultSpecPath());
  io.stdout(`flowyte-contract test: ${config.target}, seed ${seed}, ${runs} runs per property\n`);
  const report = await runContracts({
    contract,
    config,
    suites: SUITES,
    checks: checks as CheckId[] | undefined,
    seed,
    runs,
    path: values.path,
    shard,
    documentedOnly: values['documented-only'],
    configPath: values.config,
    toolVersion: toolVersion(),
    onEvent: (event) => {
      const line = progressLine(event);
      if (line) io.stdout(line);
    },
  });
  const directory = resolve(values['report-dir']);
  writeReports(report, directory);
  io.stdout(summary(report, directory));
  return report.failures.length ? 1 : 0;
};

function progressLine(event: RunEvent): string {
  switch (event.type) {
    case 'exchange':
      return '';
    case 'suite-start':
      return `  … ${event.id}\n`;
    case 'suite-end':
      return `  ${event.status === 'passed' ? '✔' : '✘'} ${event.id}${event.findings ? ` (${event.findings} finding(s))` : ''}\n`;
    case 'suite-skipped':
      return `  – ${event.id} skipped: ${event.reason}\n`;
  }
}

function summary(report: Report, directory: string): string {
  const lines = ['', `checks: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`];
  for (const check of report.checks.filter((c) => c.status !== 'passed')) lines.push(`  ${check.status === 'failed' ? '✘' : '–'} ${check.id}${check.reason ? `: ${check.reason}` : ''}`);
  for (const failure of report.failures.slice(0, 10)) {
    lines.push(`${failure.id} ${failure.check} ${failure.operationId}: ${failure.message}`, `   replay: ${failure.replay}`);
  }
  if (report.failures.length > 10) lines.push(`… and ${report.failures.length - 10} more in the report`);
  lines.push(`${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; reports in ${directory}`, '');
  return lines.join('\n');
}

function writeReports(report: Report, directory: string): void {
  mkdirSync(directory, { recursive: true });
  for (const { file, write } of Object.values(REPORT_WRITERS)) writeFileSync(join(directory, file), write(report));
}

function integerFlag(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < min || number > max) throw new ToolError('USAGE', `${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new ToolError('USAGE', `--shard must be I/N with 1 ≤ I ≤ N, not "${value}"`);
  return { index, count };
}

