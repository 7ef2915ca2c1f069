import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { createMockCore } from '../../src/mock/core.js';
import { MAX_BODY_BYTES } from '../../src/mock/types.js';
import { startHostileServer, type Behaviour, type HostileServer } from '../support/hostile-server.js';
import { captureIo, writeTestConfig } from '../support/served-mock.js';
import { loadContract } from '../support/test-mock.js';

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
    expect(fault?.replay).toContain('--checks response_received --suite secret_non_disclosure');
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

  it('should read a 413 sent before the upload ended, on a connection then reset, as that answer', async () => {
    const early = await startEarlyRefusingServer();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'flowyte-hostile-'));
      const { io, out } = captureIo();
      const exitCode = await main(['test', '--config', writeTestConfig(early.baseUrl), '--seed', '5', '--runs', '10', '--report-dir', dir, '--checks', 'body_limit,response_received'], io);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
      // Messages only: a failure's steps hold 1 MiB bodies, too large for a readable diff.
      expect(report.failures.map((f) => `${f.check} ${f.operationId}: ${f.message}`), out.join('')).toEqual([]);
      expect(exitCode).toBe(0);
      // Some runs sent a body over the limit (the others one at it), and each got its 413 before the upload ended.
      expect(early.refusedEarly()).toBeGreaterThan(0);
    } finally {
      await early.close();
    }
  }, 60_000);
});

/**
 * The mock behind a server that refuses an oversized body as soon as its head arrives, from Content-Length:
 * it answers 413, reads none of the upload and resets the connection (what closing a socket with unread
 * data does), while the client may still be sending.
 */
async function startEarlyRefusingServer() {
  const { document } = await loadContract();
  const core = createMockCore({ document });
  let refusedEarly = 0;
  const server: Server = createServer((req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      refusedEarly++;
      const body = JSON.stringify({ type: 'about:blank', title: 'Payload too large', status: 413, code: 'payload_too_large' });
      res.writeHead(413, { 'content-type': 'application/problem+json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' });
      return void res.end(body, () => req.socket.resetAndDestroy());
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = core.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    refusedEarly: () => refusedEarly,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
