/** What a sub-command may touch of the outside world; `bin.ts` wires it to `process`, tests to arrays. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks a long-running command (the mock) to stop. */
  readonly stopSignal: Promise<void>;
}

/** A sub-command: its arguments (after the sub-command's name) in, an exit status out. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
