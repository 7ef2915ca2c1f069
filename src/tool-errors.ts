/**
 * The catalogue of tool errors: every failure of the CLI itself (not of a contract) has a stable code, an
 * exit code and a hint. The CLI prints `error CODE: message` and exits with the code's exit status.
 */
export const TOOL_ERRORS = {
  USAGE: { exitCode: 2, hint: 'Run `flowyte-contract --help` for the commands and their flags.' },
  SPEC_NOT_FOUND: { exitCode: 2, hint: 'Pass the path of an OpenAPI file, or run from a checkout that has openapi.yaml.' },
  SPEC_INVALID: { exitCode: 2, hint: 'Run `flowyte-contract lint <file>` to see every finding.' },
  SPEC_UNSUPPORTED: { exitCode: 2, hint: 'The mock serves only the operations it has handlers for.' },
  DATA_INVALID: { exitCode: 2, hint: 'See "Built-in data" in the README for the --data file format.' },
  PORT_IN_USE: { exitCode: 2, hint: 'Pick another --port, or stop the process that holds it.' },
  LISTEN_FAILED: { exitCode: 2, hint: 'Check --host and --port.' },
  CONFIG_INVALID: { exitCode: 2, hint: 'See "Configuration" in the README for the test config format.' },
  TARGET_UNREACHABLE: { exitCode: 2, hint: 'Start the implementation first, and check the target URL (with /api/v1).' },
  TARGET_NOT_API: { exitCode: 2, hint: 'The target answers HTTP, but not as the API: check its base path (/api/v1).' },
  REPORT_INVALID: { exitCode: 2, hint: 'Pass a report.json written by `flowyte-contract test`.' },
  HAR_INVALID: { exitCode: 2, hint: 'Pass a HAR 1.2 file: exported from the browser devtools (Save all as HAR), by Playwright recordHar, or by `flowyte-contract proxy --record`.' },
} as const satisfies Record<string, { exitCode: number; hint: string }>;

export type ToolErrorCode = keyof typeof TOOL_ERRORS;

/** An error of the tool, with a stable code the CLI maps to one line and an exit status. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  /** Further lines a command may list one by one (such as each finding of a spec validation). */
  readonly details: readonly string[];
  constructor(code: ToolErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'ToolError';
    this.code = code;
    this.details = details;
  }
}
