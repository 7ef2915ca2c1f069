import { LINT_RULES, lintSpec } from '../spec/lint-rules.js';
import { defaultSpecPath, loadSpec } from '../spec/load-spec.js';
import { listOperations } from '../spec/operations.js';
import type { OpenApiDocument } from '../spec/openapi-types.js';
import { ToolError } from '../tool-errors.js';
import type { CliIo, Command } from './io.js';
import { parseFlags } from './parse-flags.js';

const HELP = [
  'usage: flowyte-contract lint [file]',
  '',
  'Validates an OpenAPI 3.1 file (default: the packaged openapi.yaml) with swagger-parser, then applies',
  'the Flowyte contract rules:',
  ...LINT_RULES.map((rule) => `  ${rule.id.padEnd(22)} ${rule.title}`),
  '',
  'Prints one line per finding. Exit status: 0 clean, 1 findings, 2 usage error or missing file.',
].join('\n');

/** `flowyte-contract lint [file]`: swagger-parser validation plus the contract rules, one line per finding. */
export const lintCommand: Command = async (args, io) => {
  const parsed = parseLintArgs(args);
  if (parsed.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const file = parsed.file ?? defaultSpecPath();
  const loaded = await loadOrExplain(file);
  if ('problems' in loaded) return reportFindings(io, loaded.problems.map((problem) => `${file}: swagger: ${problem}`));
  const findings = lintSpec(loaded.document);
  if (findings.length > 0) {
    return reportFindings(io, findings.map((found) => `${file}: ${found.rule}: ${found.location}: ${found.message}`));
  }
  io.stdout(`${file}: ok (${listOperations(loaded.document).length} operations)\n`);
  return 0;
};

function reportFindings(io: CliIo, lines: readonly string[]): number {
  for (const line of lines) io.stdout(`${line}\n`);
  io.stdout(`${lines.length} ${lines.length === 1 ? 'finding' : 'findings'}\n`);
  return 1;
}

function parseLintArgs(args: string[]): { help: boolean; file: string | undefined } {
  const parsed = parseFlags(args, { help: { type: 'boolean', short: 'h' } }, true);
  if (parsed.positionals.length > 1) {
    throw new ToolError('USAGE', `lint takes at most one file, got ${parsed.positionals.length}`);
  }
  return { help: parsed.values.help === true, file: parsed.positionals[0] };
}

async function loadOrExplain(file: string): Promise<{ document: OpenApiDocument } | { problems: string[] }> {
  try {
    return { document: await loadSpec(file) };
  } catch (error) {
    if (!(error instanceof ToolError) || error.code !== 'SPEC_INVALID') throw error;
    return { problems: [...error.details] };
  }
}
