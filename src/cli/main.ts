import { ToolError, TOOL_ERRORS } from '../tool-errors.js';
import type { CliIo, Command } from './io.js';

// Each sub-command is imported when it runs: the mock's start-up should not pay for fast-check and the suites.
const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  mock: { load: async () => (await import('./mock-command.js')).mockCommand, summary: 'serve the stateful mock of openapi.yaml (--port 4010 --host 127.0.0.1)' },
  lint: { load: async () => (await import('./lint-command.js')).lintCommand, summary: 'validate an OpenAPI file and apply the Flowyte contract rules' },
  test: { load: async () => (await import('./test-command.js')).testCommand, summary: 'run the contract suites against an implementation (--config FILE --target URL)' },
  replay: { load: async () => (await import('./replay-command.js')).replayCommand, summary: 'run one failure of a report.json again, exactly; or a HAR against a target (--har FILE)' },
  proxy: { load: async () => (await import('./proxy-command.js')).proxyCommand, summary: 'put the contract between an app and a server: validate and log every exchange (--target URL)' },
  check: { load: async () => (await import('./check-command.js')).checkCommand, summary: 'check recorded traffic against the contract (--har FILE)' },
};

const USAGE = [
  'usage: flowyte-contract <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(6)} ${summary}`),
  '',
  'options:',
  '  --version   print the version and exit',
  '  -h, --help  show this help',
  '',
  'Run `flowyte-contract <command> --help` for its options.',
].join('\n');

/** The CLI: arguments in, exit status out. Only bin.ts touches `process`. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? TOOL_ERRORS.USAGE.exitCode : 0;
  }
  if (name === '--version') {
    // Imported here, like the commands: finding package.json goes through the spec loader and swagger-parser.
    io.stdout(`${(await import('./tool-version.js')).toolVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new ToolError('USAGE', `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return await (await command.load())(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** One line for a tool error, never a stack trace; anything else is a bug and says so. */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ToolError) {
    io.stderr(`flowyte-contract: ${error.code}: ${error.message}\n`);
    return TOOL_ERRORS[error.code].exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`flowyte-contract: internal error: ${message.split('\n')[0]}\n`);
  return 70; // EX_SOFTWARE: a bug of ours, not a usage problem
}
