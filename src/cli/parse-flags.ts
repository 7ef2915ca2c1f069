import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ToolError } from '../tool-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs in strict mode, its errors turned into one-line USAGE tool errors. */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new ToolError('USAGE', (error as Error).message.split('\n')[0]!);
  }
}
