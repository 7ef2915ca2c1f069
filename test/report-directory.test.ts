import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { reportDirectory } from '../src/cli/report-directory.js';
import { captureIo, writeTestConfig } from './support/served-mock.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'flowyte-report-dir-'));

describe('the report directory, made before a run starts', () => {
  it('should make the missing directories, one at a time', () => {
    const path = join(scratch(), 'a', 'b', 'c');
    expect(reportDirectory(path)).toBe(path);
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it.each([
    ['a file', () => {
      const file = join(scratch(), 'taken');
      writeFileSync(file, 'x');
      return join(file, 'reports');
    }, /is not a directory/],
    // Node's recursive mkdir spins for ever there; made one level at a time, the refusal comes at once.
    ['a file system that refuses to create', () => '/proc/flowyte-nope/reports', /ENOENT making \/proc\/flowyte-nope/],
  ])('should refuse %s with one USAGE error', (_, path, why) => {
    expect(() => reportDirectory(path())).toThrow(why);
  });

  it.each([
    ['test', (dir: string) => ['test', '--config', writeTestConfig('http://127.0.0.1:9/api/v1'), '--report-dir', dir]],
    ['check', (dir: string) => ['check', '--har', join(scratch(), 'none.har'), '--report-dir', dir]],
    ['replay --har', (dir: string) => ['replay', '--har', join(scratch(), 'none.har'), '--report-dir', dir]],
  ])('should make %s answer a --report-dir it cannot write with one line, before anything else', async (_, args) => {
    const file = join(scratch(), 'taken');
    writeFileSync(file, 'x');
    const { io, out, err } = captureIo();
    // Before the target is tried (nothing listens on port 9) and before the HAR is read (there is none).
    expect(await main(args(file), io)).toBe(2);
    expect(err.join('')).toMatch(/^flowyte-contract: USAGE: --report-dir: cannot write reports to .*taken \(.*taken is not a directory\)\n$/);
    expect(out.join('')).toBe('');
    expect(existsSync(join(file, 'report.json'))).toBe(false);
  });
});
