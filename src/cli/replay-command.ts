import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestConfig, parseTestConfig } from '../contract/config.js';
import { redactUrl } from '../contract/redact-url.js';
import { REPORT_VERSION, type Report } from '../contract/report.js';
import { DEFAULT_LIMITS, TargetClient } from '../contract/target-client.js';
import { loadMockData } from '../mock/load-mock-data.js';
import { BUILT_IN_DATA, testConfigOf } from '../mock/mock-data.js';
import { basePathOf } from '../spec/operations.js';
import { packagedDocument } from '../spec/packaged-contract.js';
import { ToolError } from '../tool-errors.js';
import { ApiScope } from '../traffic/api-scope.js';
import { exchangeLines, fidelityJson, fidelityMarkdown, summaryLine } from '../traffic/fidelity-report.js';
import { replayHar } from '../traffic/replay-har.js';
import type { CliIo, Command } from './io.js';
import { startMockServer } from './mock-server.js';
import { parseFlags } from './parse-flags.js';
import { reportDirectory } from './report-directory.js';
import { testCommand } from './test-command.js';

const HELP = `usage: flowyte-contract replay <report.json> <failure-id> [--config FILE] [--target URL] [--report-dir DIR]
       flowyte-contract replay --har FILE [--target URL] [--base-url URL] [--config FILE] [--data FILE] [--report-dir DIR] [--timeout MS]

With a report: runs exactly the counterexample of one failure of the report again (its checks, seed and
fast-check path). The config defaults to the one the report was made with. Exit status: 1 when it still
fails, 0 when it no longer does, 2 on a usage or tool error.

With --har: sends the API requests of a recording again, in order, and compares each answer with the
recorded one in status and shape (members and their types, not values): how faithfully the mock answers
as the recorded server did, or how two servers differ.
  --har FILE         a HAR file: from the browser devtools, Playwright's recordHar, or proxy --record
  --target URL       the server to replay against, with /api/v1 (default: the mock, started afresh)
  --base-url URL     the API's base URL in the recording, when the page talked to several origins
                     (default: entries under /api/v1 on any origin), as check --har takes it
  --config FILE      the target's keys and agents, and replay.keys mapping recorded key fingerprints to
                     them (default: the mock's keys); a recorded key with the token of a configured key,
                     in clear or redacted by proxy --record, maps to it by itself
  --data FILE        the mock's start data, as \`mock --data\` takes it (only without --target)
  --report-dir DIR   where fidelity.json and fidelity.md go (default flowyte-report/fidelity)
  --timeout MS       each answer must come whole within MS milliseconds (default 10000)
Exit status: 0 when every replayed exchange answers as recorded, 1 when some differ, 2 on a usage or
tool error, 130/143 interrupted by SIGINT/SIGTERM (the reports hold what was done).
`;

export const replayCommand: Command = async (args, io) => {
  if (args.some((arg) => arg === '--har' || arg.startsWith('--har='))) return replayHarCommand(args, io);
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

/** `replay --har FILE`: mock fidelity. */
async function replayHarCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      har: { type: 'string' },
      target: { type: 'string' },
      'base-url': { type: 'string' },
      config: { type: 'string' },
      data: { type: 'string' },
      'report-dir': { type: 'string', default: 'flowyte-report/fidelity' },
      timeout: { type: 'string', default: String(DEFAULT_LIMITS.timeoutMs) },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length) throw new ToolError('USAGE', 'replay --har FILE takes no <report.json> <failure-id>');
  if (!values.har) throw new ToolError('USAGE', '--har needs a HAR file');
  if (values.data !== undefined && values.target !== undefined) throw new ToolError('USAGE', '--data sets up the mock the HAR is replayed against: it goes without --target');
  const timeoutMs = Number(values.timeout);
  if (!/^\d+$/.test(values.timeout) || timeoutMs < 1 || timeoutMs > 3_600_000) throw new ToolError('USAGE', `--timeout must be a whole number from 1 to 3600000, not "${values.timeout}"`);

  const document = packagedDocument();
  const scope = ApiScope.of(basePathOf(document), values['base-url']);
  const data = values.data === undefined ? BUILT_IN_DATA : loadMockData(values.data);
  // Replayed against the mock, the config's own target is not used: any valid URL stands in for it.
  const standIn = 'http://127.0.0.1/api/v1';
  const config = values.config
    ? loadTestConfig(values.config, io.env, values.target ?? standIn)
    : parseTestConfig(testConfigOf(data, standIn), '--target', io.env, values.target);
  const label = values.target === undefined ? `the mock (${values.data ?? 'built-in data'})` : redactUrl(values.target);
  const directory = reportDirectory(values['report-dir']);
  // Said with the first exchange: a HAR that cannot be read, or a target that does not answer, is one line alone.
  let announced = false;
  const announce = () => announced || ((announced = true), io.stdout(`replaying ${values.har} against ${label}\n`));

  // The first SIGINT or SIGTERM stops the replay; the reports then hold what was done.
  const interrupt = new AbortController();
  let signal: string | undefined;
  void io.stopSignal.then((name) => {
    signal = name || 'SIGINT';
    interrupt.abort();
  });
  const mock = values.target === undefined ? await startMockServer({ port: 0, host: '127.0.0.1', dataPath: values.data, loadData: () => data, cors: true }) : undefined;
  const client = new TargetClient(mock ? `${mock.origin}${mock.core.basePath}` : config.target, { timeoutMs, maxBodyBytes: DEFAULT_LIMITS.maxBodyBytes }, interrupt.signal);
  let report;
  try {
    report = await replayHar({
      harPath: values.har,
      targetLabel: label,
      client,
      document,
      scope,
      keys: config.keys,
      keyMapping: config.replay?.keys,
      agents: config.agents,
      onExchange: (exchange) => {
        announce();
        io.stdout(`${exchangeLines(exchange).join('\n')}\n`);
      },
      signal: interrupt.signal,
    });
  } finally {
    await client.close();
    await mock?.close();
  }
  announce();
  writeFileSync(join(directory, 'fidelity.json'), fidelityJson(report));
  writeFileSync(join(directory, 'fidelity.md'), fidelityMarkdown(report));
  io.stdout(`${summaryLine(report)}\nreports: ${join(directory, 'fidelity.json')}, ${join(directory, 'fidelity.md')}\n`);
  if (report.interrupted) return signal === 'SIGTERM' ? 143 : 130;
  return report.totals.differs ? 1 : 0;
}
