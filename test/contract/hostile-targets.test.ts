import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { startHostileServer, type Behaviour, type HostileServer } from '../support/hostile-server.js';
import { captureIo, writeTestConfig } from '../support/served-mock.js';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(behave: (method: string, path: string, count: number) => Behaviour, args: string[]) {
  server = await startHostileServer(behave);
  const dir = mkdtempSync(join(tmpdir(), 'flowyte-hostile-'));
  const { io, out, err } = captureIo();
  const exitCode = await main(['test', '--config', writeTestConfig(server.baseUrl), '--seed', '5', '--report-dir', dir, ...args], io);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { exitCode, report, out: out.join(''), err: err.join('') };
}

const faultsOf = (report: Report) => report.failures.filter((f) => f.check === 'response_received');

describe('the runner against hostile targets', () => {
  it('should report a route that answers too slowly as a response_received failure, and go on', async () => {
    const { exitCode, report, err } = await runAgainst((method, path) => (path.endsWith('/scoping') && method === 'GET' ? { delay: 1_500 } : 'pass'), ['--checks', 'secret_non_disclosure,response_received', '--runs', '5', '--timeout', '300']);
    expect(err).toBe('');
    expect(exitCode).toBe(1);
    expect(report.completion.status).toBe('complete');
    const [fault] = faultsOf(report);
    expect(fault).toMatchObject({ operationId: 'getIntegrationScoping', fault: 'timeout', request: { method: 'GET' } });
    expect(fault?.message).toContain('no whole answer within 300 ms');
    expect(fault?.replay).toContain('--checks secret_non_disclosure,response_received');
  }, 60_000);

  it('should report a connection reset mid-body, and a body that never ends, without crashing', async () => {
    const { exitCode, report } = await runAgainst(
      (method, path) => (path.endsWith('/objects') ? 'reset' : path.endsWith('/schema') ? 'drip' : 'pass'),
      ['--checks', 'secret_non_disclosure,response_received', '--runs', '3', '--timeout', '1000'],
    );
    expect(exitCode).toBe(1);
    expect(faultsOf(report).map((f) => [f.operationId, f.fault]).sort()).toEqual([
      ['getIntegrationSchema', 'timeout'],
      ['listIntegrationObjects', 'body_cut'],
    ]);
  }, 60_000);

  it('should judge a huge body as far as it was read, and report it', async () => {
    const { exitCode, report } = await runAgainst(() => ({ hugeBytes: 5 * 1024 * 1024 }), ['--checks', 'auth_required,response_received,status_code_declared', '--runs', '5']);
    expect(exitCode).toBe(1);
    expect(report.completion.status).toBe('complete');
    const [tooLarge] = faultsOf(report);
    expect(tooLarge).toMatchObject({ kind: 'body_too_large', response: { truncated: true } });
    expect(tooLarge!.response!.bodyExcerpt.length).toBeLessThanOrEqual(2000);
    expect(report.checks.find((c) => c.id === 'status_code_declared')?.status).toBe('passed');
  }, 60_000);

  it('should report a route whose connections drop, and keep testing the others', async () => {
    const { exitCode, report, err } = await runAgainst((method, path) => (path.endsWith('/objects') ? 'drop' : 'pass'), ['--checks', 'secret_non_disclosure,response_received', '--runs', '10']);
    expect(err).toBe('');
    expect(exitCode).toBe(1);
    expect(faultsOf(report).map((f) => [f.operationId, f.fault])).toEqual([['listIntegrationObjects', 'reset']]);
    expect(report.checks.find((c) => c.id === 'secret_non_disclosure')?.status).toBe('passed');
  }, 60_000);

  it('should end early with exit 2 and the reports of what was done when the target stops answering', async () => {
    let died = false;
    const { exitCode, report, err } = await runAgainst((_, __, count) => {
      if (count === 200 && !died) {
        died = true;
        setImmediate(() => void server?.die());
      }
      return 'pass';
    }, ['--runs', '100']);
    expect(exitCode).toBe(2);
    expect(err).toMatch(/^flowyte-contract: TARGET_UNREACHABLE: the target stopped answering: .*; the reports hold what was done before\n$/);
    expect(report.completion).toMatchObject({ status: 'target_unreachable' });
    expect(report.completion.runsDone).toBeLessThan(report.completion.runsPlanned);
    expect(report.requests).toBeGreaterThanOrEqual(150);
  }, 60_000);

  it('should stop at --max-time, write the reports marked incomplete and never exit 0', async () => {
    const started = Date.now();
    const { exitCode, report, out } = await runAgainst(() => ({ delay: 100 }), ['--runs', '100', '--max-time', '2']);
    expect(exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.completion).toMatchObject({ status: 'deadline', message: 'stopped at the --max-time deadline of 2 s' });
    expect(out).toContain('INCOMPLETE: stopped at the --max-time deadline of 2 s');
  }, 60_000);

  it('should say in one line that a target without the base path does not answer as the API', async () => {
    server = await startHostileServer(() => 'pass');
    const { io, err } = captureIo();
    const origin = server.baseUrl.replace('/api/v1', '');
    const exitCode = await main(['test', '--config', writeTestConfig(origin), '--report-dir', mkdtempSync(join(tmpdir(), 'flowyte-hostile-'))], io);
    expect(exitCode).toBe(2);
    expect(err.join('')).toBe(`flowyte-contract: TARGET_NOT_API: nothing under ${origin} answers as the API would (GET …/integrations/catalog answered 404); the contract's base path is /api/v1: try --target ${origin}/api/v1\n`);
  });
});
