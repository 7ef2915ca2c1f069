import { readFileSync } from 'node:fs';
import { REPORT_VERSION, type Report } from '../contract/report.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { parseFlags } from './parse-flags.js';
import { testCommand } from './test-command.js';

const HELP = `usage: flowyte-contract replay <report.json> <failure-id> [--config FILE] [--target URL] [--report-dir DIR]

Runs exactly the counterexample of one failure of a report again (its checks, seed and fast-check path).
The config defaults to the one the report was made with. Exit status: 1 when it still fails, 0 when it no
longer does, 2 on a usage or tool error.
`;

export const replayCommand: Command = async (args, io) => {
  const { values, positionals } = parseFlags(
    args,
    {
      config: { type: 'string' },
      target: { type: 'string' },
      'report-dir': { type: 'string', default: 'flowyte-report/replay' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const [reportPath, failureId] = positionals;
  if (!reportPath || !failureId || positionals.length > 2) throw new ToolError('USAGE', 'replay takes <report.json> <failure-id>');
  const report = readReport(reportPath);
  const failure = report.failures.find((f) => f.id === failureId);
  if (!failure) throw new ToolError('USAGE', `${reportPath} has no failure ${failureId} (it has ${report.failures.map((f) => f.id).join(', ') || 'none'})`);
  const config = values.config ?? report.configPath;
  if (!config) throw new ToolError('USAGE', 'the report does not name its config: pass --config FILE');
  io.stdout(`replaying ${failure.id}: ${failure.check} on ${failure.operationId}${failure.suite && failure.suite !== failure.check ? `, driven by ${failure.suite}` : ''} (seed ${failure.seed}${failure.path ? `, path ${failure.path}` : ''})\n`);
  const replayArgs = ['--config', config, '--target', values.target ?? report.target, '--checks', failure.replayChecks.join(','), '--seed', String(failure.seed), '--runs', String(report.runs), '--report-dir', values['report-dir']];
  // A response check's finding is replayed by the suite that drove the request, judged by that check alone.
  const driver = failure.suite && !failure.replayChecks.includes(failure.suite) ? ['--suite', failure.suite] : [];
  return testCommand([...replayArgs, ...driver, ...(failure.path ? ['--path', failure.path] : [])], io);
};

function readReport(path: string): Report {
  let report: Report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  } catch (error) {
    throw new ToolError('REPORT_INVALID', `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not JSON'}`);
  }
  if (report?.version !== REPORT_VERSION || !Array.isArray(report.failures)) throw new ToolError('REPORT_INVALID', `${path} is not a version ${REPORT_VERSION} flowyte-contract report`);
  return report;
}
