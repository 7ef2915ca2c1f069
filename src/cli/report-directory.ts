import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ToolError } from '../tool-errors.js';

/**
 * The report directory, made (and known writable) before a run starts, so that a wrong `--report-dir` costs a line
 * instead of a whole run's results. Missing directories are made one at a time from the nearest existing one: Node's
 * recursive mkdir loops forever where a file system refuses to create (`/proc/x`).
 */
export function reportDirectory(path: string, flag = '--report-dir'): string {
  const directory = resolve(path);
  const missing: string[] = [];
  let existing = directory;
  for (; !existsSync(existing); existing = dirname(existing)) missing.unshift(existing);
  const refuse = (why: string) => new ToolError('USAGE', `${flag}: cannot write reports to ${path} (${why})`);
  if (!statSync(existing).isDirectory()) throw refuse(`${existing} is not a directory`);
  for (const each of missing) {
    try {
      mkdirSync(each);
    } catch (error) {
      throw refuse(`${(error as NodeJS.ErrnoException).code ?? (error as Error).message} making ${each}`);
    }
  }
  try {
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw refuse((error as NodeJS.ErrnoException).code ?? 'not writable');
  }
  return directory;
}
