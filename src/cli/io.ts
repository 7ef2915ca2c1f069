/** What a sub-command may touch of the outside world; `bin.ts` wires it to `process`, tests to arrays. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves, with the signal's name, when the user asks a long-running command to stop (the first SIGINT or
   * SIGTERM; a second one ends the process at once).
   */
  readonly stopSignal: Promise<string | void>;
  /** True when stdout is a terminal: progress may then redraw its lines in place. */
  readonly isTTY?: boolean;
}

/** A sub-command: its arguments (after the sub-command's name) in, an exit status out. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
