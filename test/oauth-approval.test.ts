import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseTestConfig, type ApprovalStep } from '../src/contract/config.js';
import { runApproval, type ApprovalInput } from '../src/contract/oauth-approval.js';

const STATE = 'st_one_time_0123456789';
const OAUTH_URL = `https://accounts.example.com/o/oauth2/auth?client_id=flowyte&state=${STATE}&scope=calendar+sheets`;
const INPUT: ApprovalInput = { oauthUrl: OAUTH_URL, kind: 'google_calendar', org: 'acme' };
const APPROVE_TOKEN = 'tok_approve_secret_42';
const ENV = { APPROVE_TOKEN };
const KEYS = [{ name: 'acme_admin', token: 'flowyte_sk_test_acme_admin', org: 'acme', scopes: ['integrations:connect'] }];

/** The approval step a config with this `approve` block gives, `env:` values resolved from ENV. */
function stepOf(approve: Record<string, unknown>): ApprovalStep {
  const step = parseTestConfig({ target: 'http://127.0.0.1:4010/api/v1', keys: KEYS, oauth: { approve } }, 'config.yaml', ENV).oauth?.approve;
  if (!step) throw new Error('the config has no approval step');
  return step;
}

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Approves on /approve (204), refuses on /deny (403), redirects on /redirect and never answers on /hang. */
let server: Server;
let origin: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/approve') response.writeHead(204).end();
      else if (path === '/deny') response.writeHead(403).end(`no: ${STATE}`);
      else if (path === '/redirect') response.writeHead(302, { location: '/approve' }).end();
      else if (path !== '/hang') response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  received.length = 0;
  vi.unstubAllEnvs();
});

/** Whether the process runs (a zombie nobody reaped has ended). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/stat')) return true;
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pid a command wrote (throws until it has: 0 would name our own process group). */
function pidIn(file: string): number {
  const pid = Number(readFileSync(file, 'utf8'));
  if (!(pid > 0)) throw new Error(`no pid in ${file} yet`);
  return pid;
}

describe('an approval request', () => {
  it('should send the placeholders (encoded in the url) and the header from env:, and approve on a 2xx', async () => {
    const step = stepOf({
      request: { url: `${origin}/approve?u={oauthUrl}&k={kind}&o={org}`, headers: { 'x-approve-token': 'env:APPROVE_TOKEN', 'content-type': 'application/json' }, body: '{"oauthUrl": "{oauthUrl}", "org": "{org}"}' },
    });
    expect(await runApproval(step, INPUT)).toEqual({ approved: true });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/approve?u=${encodeURIComponent(OAUTH_URL)}&k=google_calendar&o=acme`);
    expect(request?.headers['x-approve-token']).toBe(APPROVE_TOKEN);
    expect(request?.body).toBe(`{"oauthUrl": "${OAUTH_URL}", "org": "acme"}`);
  });

  it('should send the method configured', async () => {
    expect(await runApproval(stepOf({ request: { method: 'put', url: `${origin}/approve` } }), INPUT)).toEqual({ approved: true });
    expect(received[0]?.method).toBe('PUT');
  });

  it('should refuse on a 403, and say so without what the server answered', async () => {
    expect(await runApproval(stepOf({ request: { url: `${origin}/deny?state={oauthUrl}` } }), INPUT)).toEqual({ approved: false, reason: 'approval request answered 403' });
  });

  it('should not follow a redirect, which would carry the headers elsewhere', async () => {
    const outcome = await runApproval(stepOf({ request: { url: `${origin}/redirect`, headers: { 'x-approve-token': 'env:APPROVE_TOKEN' } } }), INPUT);
    expect(outcome).toEqual({ approved: false, reason: 'approval request answered 302 (redirects are not followed)' });
    expect(received.map((request) => request.url)).toEqual(['/redirect']);
  });

  it('should give up after timeoutMs on a server that never answers', async () => {
    const started = Date.now();
    expect(await runApproval(stepOf({ request: { url: `${origin}/hang` }, timeoutMs: 200 }), INPUT)).toEqual({ approved: false, reason: 'timed out after 0.2 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should say why it could not send, quoting neither the oauthUrl nor a secret', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await runApproval(stepOf({ request: { url: `http://127.0.0.1:${port}/approve?u={oauthUrl}`, headers: { 'x-approve-token': 'env:APPROVE_TOKEN' } } }), INPUT);
    expect(outcome).toEqual({ approved: false, reason: expect.stringMatching(/^approval request failed: .*ECONNREFUSED/) });
  });

  it('should hide a secret that fetch quotes in its error', async () => {
    vi.stubEnv('APPROVE_TOKEN', 'tok_with\nnewline');
    const step = parseTestConfig({ target: 'http://127.0.0.1:4010/api/v1', keys: KEYS, oauth: { approve: { request: { url: `${origin}/approve`, headers: { 'x-approve-token': 'env:APPROVE_TOKEN' } } } } }, 'config.yaml', process.env).oauth?.approve;
    const outcome = await runApproval(step!, INPUT);
    expect(outcome).toEqual({ approved: false, reason: expect.stringMatching(/^approval request failed: /) });
    expect(JSON.stringify(outcome)).not.toMatch(/tok_with|newline/);
    expect(received).toHaveLength(0);
  });

  it('should send nothing once aborted, and stop a request under way when aborted', async () => {
    expect(await runApproval(stepOf({ request: { url: `${origin}/approve` } }), INPUT, AbortSignal.abort())).toEqual({ approved: false, reason: 'aborted' });
    expect(received).toHaveLength(0);
    expect(await runApproval(stepOf({ request: { url: `${origin}/hang` } }), INPUT, AbortSignal.timeout(100))).toEqual({ approved: false, reason: 'aborted' });
  });
});

describe('an approval command', () => {
  const node = process.execPath;

  it('should get the placeholders in its arguments and environment, the runner environment and env: secrets, and approve on exit 0', async () => {
    vi.stubEnv('FLOWYTE_RUNNER_MARKER', 'from the runner');
    const expected = JSON.stringify({ argv: [OAUTH_URL, 'google_calendar', 'acme', APPROVE_TOKEN, 'kind=google_calendar'], url: OAUTH_URL, kind: 'google_calendar', org: 'acme', marker: 'from the runner' });
    const script = `
      const actual = JSON.stringify({ argv: process.argv.slice(1), url: process.env.FLOWYTE_OAUTH_URL, kind: process.env.FLOWYTE_KIND, org: process.env.FLOWYTE_ORG, marker: process.env.FLOWYTE_RUNNER_MARKER });
      if (actual !== ${JSON.stringify(expected)}) { console.error(actual); process.exit(1); }`;
    const step = stepOf({ command: [node, '-e', script, '{oauthUrl}', '{kind}', '{org}', 'env:APPROVE_TOKEN', 'kind={kind}'] });
    expect(await runApproval(step, INPUT)).toEqual({ approved: true });
  });

  it('should refuse on another exit, with the last line of stderr where the oauthUrl, its state and secrets are hidden', async () => {
    const script = `
      const [url, token] = process.argv.slice(1);
      console.log('some progress');
      console.error('first attempt failed');
      console.error('\\x1b[31mcould not approve ' + url + ' (state ' + new URL(url).searchParams.get('state') + ') with ' + token + '\\x1b[0m\\n');
      process.exit(3);`;
    const outcome = await runApproval(stepOf({ command: [node, '-e', script, '{oauthUrl}', 'env:APPROVE_TOKEN'] }), INPUT);
    expect(outcome).toEqual({ approved: false, reason: 'approval command exited 3: could not approve *** (state ***) with ***' });
  });

  it('should keep a reason line to 200 characters, and name no line when there is none', async () => {
    const long = await runApproval(stepOf({ command: [node, '-e', `console.error('x'.repeat(5000)); process.exit(1)`] }), INPUT);
    expect(long).toEqual({ approved: false, reason: `approval command exited 1: ${'x'.repeat(200)}` });
    expect(await runApproval(stepOf({ command: [node, '-e', 'process.exit(2)'] }), INPUT)).toEqual({ approved: false, reason: 'approval command exited 2' });
  });

  it('should not quote a last line whose start was dropped for the output cap', async () => {
    // One line of 100 KB: its first 36 KB (which could hold a secret's start) are gone, so none of it is quoted.
    const outcome = await runApproval(stepOf({ command: [node, '-e', `process.stderr.write('y'.repeat(100000), () => process.exit(1))`] }), INPUT);
    expect(outcome).toEqual({ approved: false, reason: 'approval command exited 1' });
  });

  it('should say that a command could not start', async () => {
    expect(await runApproval(stepOf({ command: ['/nonexistent/flowyte-approve', '{oauthUrl}'] }), INPUT)).toEqual({ approved: false, reason: 'could not start: ENOENT' });
  });

  it.skipIf(process.platform === 'win32')('should kill the command and what it started when it runs past timeoutMs', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'flowyte-approval-')), 'pids');
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(process.argv[1], JSON.stringify([process.pid, grandchild.pid]));
      setTimeout(() => {}, 60000);`;
    const outcome = await runApproval(stepOf({ command: [node, '-e', script, pidFile], timeoutMs: 1_500 }), INPUT);
    expect(outcome).toEqual({ approved: false, reason: 'timed out after 1.5 s' });
    const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as number[];
    expect(isRunning(pids[0]!)).toBe(false);
    await vi.waitFor(() => expect(isRunning(pids[1]!)).toBe(false), { timeout: 3_000 });
  });

  it('should kill a command that ignores SIGTERM', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'flowyte-approval-')), 'pid');
    const script = `process.on('SIGTERM', () => {}); require('node:fs').writeFileSync(process.argv[1], String(process.pid)); setTimeout(() => {}, 60000);`;
    const started = Date.now();
    expect(await runApproval(stepOf({ command: [node, '-e', script, pidFile], timeoutMs: 1_000 }), INPUT)).toEqual({ approved: false, reason: 'timed out after 1 s' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isRunning(pidIn(pidFile))).toBe(false);
  });

  it('should start nothing once aborted, and kill a command under way when aborted', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'flowyte-approval-')), 'pid');
    const script = `require('node:fs').writeFileSync(process.argv[1], String(process.pid)); setTimeout(() => {}, 60000);`;
    expect(await runApproval(stepOf({ command: [node, '-e', script, pidFile] }), INPUT, AbortSignal.abort())).toEqual({ approved: false, reason: 'aborted' });
    expect(existsSync(pidFile)).toBe(false);
    const controller = new AbortController();
    const running = runApproval(stepOf({ command: [node, '-e', script, pidFile] }), INPUT, controller.signal);
    const pid = await vi.waitFor(() => pidIn(pidFile), { timeout: 5_000 });
    controller.abort();
    expect(await running).toEqual({ approved: false, reason: 'aborted' });
    expect(isRunning(pid)).toBe(false);
  });
});
