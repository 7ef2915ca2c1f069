import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { captureIo, serveMock, writeTestConfig } from '../support/served-mock.js';
import { BROKEN_VARIANTS } from './broken-variants.js';

async function run(handle: Parameters<typeof serveMock>[0], workers: number, extra: string[] = []) {
  const mock = await serveMock(handle);
  const dir = mkdtempSync(join(tmpdir(), 'flowyte-workers-'));
  try {
    const { io } = captureIo();
    const exitCode = await main(['test', '--config', writeTestConfig(mock.baseUrl), '--seed', '21', '--runs', '15', '--workers', String(workers), '--report-dir', dir, ...extra], io);
    return { exitCode, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  } finally {
    await mock.close();
  }
}

/** What must not depend on the worker count: every failure as found (with its replay path, unless the target leaks state between runs). */
const failures = (report: Report, withPath: boolean) => report.failures.map((f) => [f.check, f.operationId, f.kind, ...(withPath ? [f.path, f.steps.length] : [])]);

describe('the runner with several workers', () => {
  // A suite that fails stops at its first failing run; with more workers, later runs may already be under way:
  // neither their findings nor their traffic count.
  it.each([
    ['scoping_semantics', true],
    ['problem_json', true],
    // this target keeps a disconnected connection listed: which runs meet the leftover first, and which runs it spoils
    // (left out), depends on the order runs take the lanes in; the checks that fail do not
    ['stateful', false],
  ] as const)('should find the same failures with 1 and 8 workers on the variant caught by %s', async (check, withPath) => {
    const variant = BROKEN_VARIANTS.find((v) => v.caughtBy === check)!;
    const one = await run(variant.handle, 1);
    const eight = await run(variant.handle, 8);
    expect([one.exitCode, eight.exitCode]).toEqual([1, 1]);
    const compared = (report: Report) => (withPath ? failures(report, true) : [...new Set(failures(report, false).map(([id]) => id))].sort());
    expect(compared(eight.report)).toEqual(compared(one.report));
    // The counts come from the runs the report keeps: the same whatever the workers (unless the target leaks state).
    if (withPath) expect([eight.report.requests, eight.report.matrix]).toEqual([one.report.requests, one.report.matrix]);
    expect(failures(one.report, false).map(([id]) => id)).toContain(check);
  }, 120_000);

  it('should send the same requests to a conformant target whatever the worker count', async () => {
    const [one, eight] = [await run(undefined, 1), await run(undefined, 8)];
    expect([one.exitCode, eight.exitCode]).toEqual([0, 0]);
    const traffic = (report: Report) => [report.requests, report.operations.map((op) => [op.operationId, op.observedStatuses]), report.matrix];
    expect(traffic(eight.report)).toEqual(traffic(one.report));
  }, 120_000);
});
