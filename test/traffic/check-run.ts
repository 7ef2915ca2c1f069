import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import type { TrafficSource } from '../../src/traffic/traffic-report.js';
import { captureIo } from '../support/served-mock.js';
import { writeHar } from './har-fixtures.js';

export const temp = () => mkdtempSync(join(tmpdir(), 'flowyte-check-'));

/** Runs `flowyte-contract check` with these arguments: the exit status and what it printed. */
export async function check(args: string[]) {
  const { io, out, err } = captureIo();
  const exitCode = await main(['check', ...args], io);
  return { exitCode, out: out.join(''), err: err.join('') };
}

/** Checks a HAR into a fresh report directory; what was printed, the exit status and the reports' text. */
export async function checkHar(har: unknown, ...flags: string[]) {
  const path = writeHar(har);
  return checkHarFile(path, ...flags);
}

export async function checkHarFile(path: string, ...flags: string[]) {
  const dir = temp();
  const run = await check(['--har', path, '--report-dir', dir, ...flags]);
  const files: Record<string, string> = existsSync(dir) ? Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')])) : {};
  return { ...run, path, dir, files, report: files['report.json'] ? (JSON.parse(files['report.json']) as Report & { source: TrafficSource }) : undefined };
}
