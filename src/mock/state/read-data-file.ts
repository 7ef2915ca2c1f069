import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolError } from '../../tool-errors.js';

/**
 * Reads a data or state file (`what` says which, for the message) as YAML, a superset of JSON. `undefined`
 * when the file does not exist and `optional`; any other failure is DATA_INVALID, in one line.
 */
export function readDataFile(path: string, what: string, optional = false): { value: unknown } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    throw new ToolError('DATA_INVALID', `cannot read the ${what} ${path}${code ? ` (${code})` : ''}`);
  }
  try {
    return { value: parse(text) };
  } catch (error) {
    // The parser's first line says where it broke; the rest quotes the file, which may hold anything.
    throw new ToolError('DATA_INVALID', `${path} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]!.replace(/:$/, '')}`);
  }
}
