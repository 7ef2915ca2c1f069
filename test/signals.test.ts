import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/contract/report.js';
import { startHostileServer, type HostileServer } from './support/hostile-server.js';
import { writeTestConfig } from './support/served-mock.js';

// The CLI as a user runs it, in a process of its own, built apart from dist/ so that no other test races it.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'flowyte-signals-test');
const BIN = join(OUT, 'src', 'bin.js');

let server: HostileServer;
let config: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', OUT], { stdio: 'inherit' });
  // Every answer takes 200 ms: a run that would take minutes, interrupted early.
  server = await startHostileServer(() => ({ delay: 200 }));
  config = writeTestConfig(server.baseUrl);
}, 120_000);
afterAll(() => server.close());

/** Starts `test`, sends `signals` once it has begun sending, and resolves with its exit code and timings. */
function interrupt(signals: NodeJS.Signals[], gapMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'flowyte-signals-'));
  const child = spawn(process.execPath, [BIN, 'test', '--config', config, '--seed', '1', '--report-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const before = server.requests();
  return new Promise<{ code: number | null; afterSignalMs: number; dir: string; output: string }>((resolve) => {
    let signalledAt = 0;
    const started = setInterval(() => {
      if (server.requests() < before + 30) return;
      clearInterval(started);
      signalledAt = Date.now();
      signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * gapMs));
    }, 20);
    child.on('exit', (code) => resolve({ code, afterSignalMs: Date.now() - signalledAt, dir, output }));
  });
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;

describe('flowyte-contract test and signals', () => {
  it('should stop on SIGINT, write the partial reports marked interrupted and exit 130', async () => {
    const { code, afterSignalMs, dir, output } = await interrupt(['SIGINT'], 0);
    expect(code, output).toBe(130);
    expect(afterSignalMs).toBeLessThan(10_000);
    const report = readReport(dir);
    expect(report.completion).toMatchObject({ status: 'interrupted', message: 'interrupted by a signal' });
    expect(report.completion.runsDone).toBeLessThan(report.completion.runsPlanned);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('Incomplete');
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('should exit 143 on SIGTERM, with the reports', async () => {
    const { code, dir } = await interrupt(['SIGTERM'], 0);
    expect(code).toBe(143);
    expect(readReport(dir).completion.status).toBe('interrupted');
  }, 60_000);

  it('should exit at once on a second signal', async () => {
    const { code, dir } = await interrupt(['SIGINT', 'SIGINT'], 50);
    expect(code).toBe(130);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  }, 60_000);
});
