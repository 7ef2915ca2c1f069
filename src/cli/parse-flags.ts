import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ToolError } from '../tool-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs in strict mode, its errors turned into one-line USAGE tool errors. */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    // Node's hint on passing a positional that starts with '-' is about its own parser, not this command's flags.
    throw new ToolError('USAGE', (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument .*$/, ''));
  }
}

/** A whole-number flag between `min` and `max`; a sign only where negatives are allowed. */
export function integerFlag(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  const pattern = min < 0 ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(value) || number < min || number > max) throw new ToolError('USAGE', `${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}
