import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { KEYS } from './support/test-mock.js';

const INITECH_DATA = fileURLToPath(new URL('./fixtures/mock-data/initech.yaml', import.meta.url));
const INITECH_KEY = 'flowyte_sk_test_initech_admin';
const STACK_FRAME = /\n\s+at\s/;

interface CliRun {
  /** The exit status, once the command returns. */
  readonly exit: Promise<number>;
  /** Resolves the io's stopSignal, as Ctrl-C does for the real CLI. */
  stop(): void;
  stdout(): string;
  stderr(): string;
}

const running: CliRun[] = [];

function run(argv: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {},
    stopSignal: new Promise<void>((resolve) => (stop = resolve)),
  };
  const cli: CliRun = { exit: main(argv, io), stop, stdout: () => out.join(''), stderr: () => err.join('') };
  running.push(cli);
  return cli;
}

const mock = (...args: string[]) => run(['mock', ...args]);

/** Waits for the start-up banner and returns the base URL it prints; fails if the command exits first. */
async function baseUrlOf(cli: CliRun): Promise<string> {
  let exited: number | undefined;
  void cli.exit.then((code) => (exited = code));
  for (let waited = 0; waited < 10_000; waited += 10) {
    const url = /listening on (http:\/\/\S+)/.exec(cli.stdout())?.[1];
    if (url) return url;
    if (exited !== undefined) throw new Error(`the mock exited with ${exited}: ${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the mock did not print its banner within 10 s');
}

/** Sends raw bytes and reads the whole answer, for requests `fetch` and `node:http` will not send (no Host). */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(request);
  });
}

const get = (url: string, key: string) => fetch(url, { headers: { authorization: `Bearer ${key}` } });

/** Asserts a failed run: its exit status, and exactly one stderr line without a stack trace. */
async function expectOneLineFailure(cli: CliRun, exitCode: number): Promise<string> {
  expect(await cli.exit).toBe(exitCode);
  const lines = cli.stderr().split('\n').filter(Boolean);
  expect(lines, cli.stderr()).toHaveLength(1);
  expect(cli.stderr()).not.toMatch(STACK_FRAME);
  return lines[0]!;
}

afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.stop();
    await cli.exit;
  }
});

describe('flowyte-contract mock', () => {
  it('should start on --port 0, print its base URL and the built-in keys, serve, and exit 0 when stopped', async () => {
    const cli = mock('--port', '0');
    const baseUrl = await baseUrlOf(cli);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(Number(new URL(baseUrl).port)).toBeGreaterThan(0);
    for (const key of Object.values(KEYS)) expect(cli.stdout()).toContain(key);

    const response = await get(`${baseUrl}/integrations`, KEYS.acmeAdmin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, data: [], nextCursor: null, hasMore: false });

    cli.stop();
    expect(await cli.exit).toBe(0);
    await expect(fetch(`${baseUrl}/integrations`)).rejects.toThrow();
  });

  it('should log each request as time, method, path, status and key name, never a query, a token or a credential', async () => {
    const cli = mock('--port', '0');
    const baseUrl = await baseUrlOf(cli);
    const secret = 'shpat_TOP_SECRET_4242';
    const response = await fetch(`${baseUrl}/integrations/shopify/connect?token=q_SECRET_9191`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.acmeAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: { apiKey: secret } }),
    });
    expect(response.status).toBe(200);

    expect(cli.stdout()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} POST \/api\/v1\/integrations\/shopify\/connect 200 key=acme_admin \d+\.\dms$/m);
    expect(cli.stdout()).not.toContain(secret);
    expect(cli.stdout()).not.toContain('q_SECRET_9191');
    const logLines = cli.stdout().split('\n').filter((line) => / POST /.test(line));
    expect(logLines.join('\n')).not.toContain(KEYS.acmeAdmin);
  });

  it('should give a client that sends no Host header an oauthUrl on the port it actually listens on', async () => {
    const cli = mock('--port', '0');
    const baseUrl = new URL(await baseUrlOf(cli));
    // HTTP/1.0 needs no Host header, so the mock has to fall back on the address it listens on.
    const answer = await rawHttp(
      Number(baseUrl.port),
      `POST /api/v1/integrations/google_calendar/connect HTTP/1.0\r\nAuthorization: Bearer ${KEYS.acmeAdmin}\r\nContent-Length: 0\r\n\r\n`,
    );
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const oauthUrl = new URL((JSON.parse(body!) as { data: { oauthUrl: string } }).data.oauthUrl);
    expect(oauthUrl.origin).toBe(baseUrl.origin);
  });

  it('should not log requests with --quiet', async () => {
    const cli = mock('--port', '0', '--quiet');
    const baseUrl = await baseUrlOf(cli);
    expect((await get(`${baseUrl}/integrations`, KEYS.acmeAdmin)).status).toBe(200);
    expect(cli.stdout()).not.toContain('GET /api/v1/integrations');
  });

  it('should add no CORS headers with --no-cors', async () => {
    const cli = mock('--port', '0', '--no-cors');
    const baseUrl = await baseUrlOf(cli);
    const response = await get(`${baseUrl}/integrations`, KEYS.acmeAdmin);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should load orgs, agents and keys from --data instead of the built-in ones', async () => {
    const cli = mock('--port', '0', '--data', INITECH_DATA);
    const baseUrl = await baseUrlOf(cli);
    expect(cli.stdout()).toMatch(new RegExp(`${INITECH_KEY}\\s+integrations:read`));
    expect(cli.stdout()).not.toContain(KEYS.acmeAdmin);

    expect((await get(`${baseUrl}/integrations`, INITECH_KEY)).status).toBe(200);
    expect((await get(`${baseUrl}/integrations`, KEYS.acmeAdmin)).status).toBe(401);
  });

  it('should print its options and exit 0 with --help', async () => {
    const cli = mock('--help');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toMatch(/^usage: flowyte-contract mock/);
    for (const flag of ['--port', '--host', '--spec', '--data', '--no-cors']) expect(cli.stdout()).toContain(flag);
    expect(cli.stderr()).toBe('');
  });

  it('should refuse an unknown flag with exit 2 and one line', async () => {
    const line = await expectOneLineFailure(mock('--bogus'), 2);
    expect(line).toMatch(/^flowyte-contract: USAGE: .*--bogus/);
  });

  it('should refuse a --port that is not a port number with exit 2', async () => {
    expect(await expectOneLineFailure(mock('--port', 'abc'), 2)).toContain('USAGE');
    expect(await expectOneLineFailure(mock('--port', '70000'), 2)).toContain('USAGE');
  });

  it('should refuse a missing --spec file with exit 2 and SPEC_NOT_FOUND', async () => {
    const line = await expectOneLineFailure(mock('--port', '0', '--spec', '/nope.yaml'), 2);
    expect(line).toMatch(/SPEC_NOT_FOUND.*\/nope\.yaml/);
  });

  it('should refuse an invalid --data file with exit 2 and DATA_INVALID', async () => {
    const line = await expectOneLineFailure(mock('--port', '0', '--data', '/nope-data.yaml'), 2);
    expect(line).toContain('DATA_INVALID');
  });

  it('should report a port already in use with exit 2 and PORT_IN_USE', async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    try {
      const { port } = holder.address() as AddressInfo;
      const line = await expectOneLineFailure(mock('--port', String(port)), 2);
      expect(line).toMatch(new RegExp(`PORT_IN_USE.*${port}`));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

describe('flowyte-contract (no sub-command)', () => {
  it('should print the usage and exit non-zero without a command', async () => {
    const cli = run([]);
    expect(await cli.exit).not.toBe(0);
    expect(cli.stdout()).toMatch(/^usage: flowyte-contract <command>/);
    expect(cli.stdout()).toContain('mock');
  });

  it('should refuse an unknown command with exit 2 and one line', async () => {
    const line = await expectOneLineFailure(run(['nope']), 2);
    expect(line).toMatch(/USAGE: unknown command "nope"/);
  });
  it('should print a test config for its keys and agents with --print-config, and exit 0', async () => {
    const cli = mock('--print-config', '--port', '4567');
    expect(await cli.exit).toBe(0);
    const { parse } = await import('yaml');
    const config = parse(cli.stdout());
    expect(config.target).toBe('http://127.0.0.1:4567/api/v1');
    expect(config.keys.map((key: { name: string }) => key.name)).toEqual(['acme_admin', 'acme_reader', 'acme_author', 'globex_admin']);
    expect(config.agents).toEqual({ acme: 'agt_acme_demo', globex: 'agt_globex_demo' });
  });
});
