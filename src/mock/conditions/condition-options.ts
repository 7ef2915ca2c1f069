import type { OpenApiDocument } from '../../spec/openapi-types.js';
import { ToolError } from '../../tool-errors.js';
import { MAX_DELAY_MS } from './preferences.js';

/** A fixed latency in milliseconds, or a range each request draws from (the seed decides where). */
export type DelayOption = number | { readonly min: number; readonly max: number };

export interface ConditionOptions {
  /** The dereferenced contract the core serves: routes, declared statuses, examples. */
  readonly document: OpenApiDocument;
  /** Latency added to every API answer (`--delay 300`, `--delay 100-800`). Default none. */
  readonly delay?: DelayOption;
  /** The share, 0 to 1, of authenticated API requests answered by a fault (`--faults 0.1`). Default 0. */
  readonly faultRate?: number;
  /** Seeds the faults and a delay range (`--seed 42`); a fresh seed when absent, read back from `seed`. */
  readonly seed?: number;
  /** Whether answers made here carry the open CORS headers: pass the core's own `cors` (default true). */
  readonly cors?: boolean;
}

/** The options checked: a wrong value is a USAGE error naming the option, before any request is served. */
export function checkConditionOptions(options: ConditionOptions): void {
  const { delay, faultRate, seed } = options;
  if (delay !== undefined && !delayIsValid(delay)) {
    throw new ToolError('USAGE', `delay must be whole milliseconds from 0 to ${MAX_DELAY_MS}, or a range {min, max} with min <= max`);
  }
  if (faultRate !== undefined && !(Number.isFinite(faultRate) && faultRate >= 0 && faultRate <= 1)) {
    throw new ToolError('USAGE', 'the fault rate must be a number from 0 to 1, such as 0.1');
  }
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new ToolError('USAGE', 'the seed must be a whole number from 0 to 4294967295');
  }
}

/** `--delay MS` or `--delay MIN-MAX`. */
export function parseDelayFlag(text: string): DelayOption {
  const match = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/.exec(text);
  if (!match) throw new ToolError('USAGE', `--delay must be milliseconds (300) or a range (100-800), not "${shorten(text)}"`);
  const delay: DelayOption = match[2] === undefined ? Number(match[1]) : { min: Number(match[1]), max: Number(match[2]) };
  if (!delayIsValid(delay)) throw new ToolError('USAGE', `--delay must be from 0 to ${MAX_DELAY_MS} ms, a range low to high, not "${shorten(text)}"`);
  return delay;
}

/** `--faults RATE`, 0 to 1. */
export function parseFaultRateFlag(text: string): number {
  const rate = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : NaN;
  if (!(rate >= 0 && rate <= 1)) throw new ToolError('USAGE', `--faults must be a rate from 0 to 1 (0.1 is one request in ten), not "${shorten(text)}"`);
  return rate;
}

/** `--seed N`. */
export function parseSeedFlag(text: string): number {
  const seed = /^\s*\d{1,10}\s*$/.test(text) ? Number(text) : NaN;
  if (!(seed <= 0xffffffff)) throw new ToolError('USAGE', `--seed must be a whole number from 0 to 4294967295, not "${shorten(text)}"`);
  return seed;
}

function delayIsValid(delay: DelayOption): boolean {
  const [min, max] = typeof delay === 'number' ? [delay, delay] : [delay.min, delay.max];
  return [min, max].every((ms) => Number.isInteger(ms) && ms >= 0 && ms <= MAX_DELAY_MS) && min <= max;
}

// A flag's value is echoed to say what was wrong, never at any length.
const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
