import { renameSync, writeFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { ToolError } from '../../tool-errors.js';
import { redactedState } from '../control/redacted-state.js';
import type { Store } from '../store.js';
import { summarizeErrors } from './compile-seed.js';
import { readDataFile } from './read-data-file.js';
import { restoreState } from './restore.js';

export interface StateFileOptions {
  /** How long to wait after a change before writing, so that a burst of requests is written once (default 100). */
  readonly debounceMs?: number;
  /** Told of a save that failed; the mock keeps serving and the next change tries again (default: one line on stderr). */
  readonly onError?: (error: Error) => void;
  /** False: the store's state replaces the file's at once, unread (a --watch reload hands over a state of its own). */
  readonly load?: boolean;
}

export interface AttachedStateFile {
  /** Whether the file existed and the state was loaded from it (over the start data). */
  readonly loaded: boolean;
  /** Writes a change still waiting for its debounce now. */
  flush(): Promise<void>;
  /** Writes what is waiting and stops saving. */
  dispose(): Promise<void>;
}

/**
 * `--state FILE`: when the file exists, its state replaces the start data's at once (as `PUT /__mock/state`
 * would; keys redacted in it keep the start data's tokens); when it does not, it is written at once, so that
 * a path that cannot be written fails at start rather than at the first change. Afterwards each change is
 * saved, debounced, through a temporary file renamed over the old one, so a crash never leaves half a file.
 * What is saved is `GET /__mock/state`'s data: key tokens redacted, credentials as field names only.
 * Throws DATA_INVALID for a file that cannot be read, parsed, restored or written.
 */
export function attachStateFile(store: Store, path: string, options: StateFileOptions = {}): AttachedStateFile {
  const debounceMs = options.debounceMs ?? 100;
  const onError = options.onError ?? ((error) => process.stderr.write(`flowyte-contract mock: cannot save the state to ${path}: ${error.message}\n`));
  const existing = options.load === false ? undefined : readDataFile(path, 'state file', true);
  if (existing) {
    const errors = restoreState(store, existing.value, '(file)');
    if (errors.length) throw new ToolError('DATA_INVALID', `${path}: ${summarizeErrors(errors)} (fix the state file, or delete it to start from the data)`);
  }
  // What the file holds, as far as a save is concerned: a state loaded from it is not written back unchanged.
  let written = textOf(store);
  if (!existing) {
    try {
      writeFileSync(temporaryOf(path), written);
      renameSync(temporaryOf(path), path);
    } catch (error) {
      throw new ToolError('DATA_INVALID', `cannot write the state file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    timer = undefined;
    // Chained, so that writes never overlap; the text is taken when its turn comes, so it is the latest.
    saving = saving.then(async () => {
      const text = textOf(store);
      if (text === written) return; // a request that changed nothing (a SQL test, say) writes nothing
      const temporary = temporaryOf(path);
      try {
        await writeFile(temporary, text);
        await rename(temporary, path);
        written = text;
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        onError(error as Error);
      }
    });
  };
  const stop = store.onChange(() => {
    if (timer) return;
    timer = setTimeout(save, debounceMs);
    timer.unref(); // a pending save never keeps a process alive: dispose() writes it
  });
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
    return saving;
  };
  return {
    loaded: existing !== undefined,
    flush,
    dispose: () => {
      stop();
      return flush();
    },
  };
}

function textOf(store: Store): string {
  return `${JSON.stringify(redactedState(store), null, 2)}\n`;
}

/** Beside the file, so that the rename stays on one file system and is atomic. */
function temporaryOf(path: string): string {
  return `${path}.${process.pid}.tmp`;
}
