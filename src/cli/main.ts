import { ToolError, TOOL_ERRORS } from '../tool-errors.js';
import type { CliIo, Command } from './io.js';
import { lintCommand } from './lint-command.js';
import { mockCommand } from './mock-command.js';
import { replayCommand } from './replay-command.js';
import { testCommand } from './test-command.js';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  mock: { run: mockCommand, summary: 'serve the stateful mock of openapi.yaml (--port 4010 --host 127.0.0.1)' },
  lint: { run: lintCommand, summary: 'validate an OpenAPI file and apply the Flowyte contract rules' },
  test: { run: testCommand, summary: 'run the contract suites against an implementation (--config FILE --target URL)' },
  replay: { run: replayCommand, summary: 'run one failure of a report.json again, exactly' },
};

const USAGE = [
  'usage: flowyte-contract <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(6)} ${summary}`),
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
  const command = COMMANDS[name];
  try {
    if (!command) throw new ToolError('USAGE', `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return await command.run(args, io);
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
