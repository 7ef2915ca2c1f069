import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Har } from '../../src/traffic/har.js';
import { serveMock, type ServedMock } from '../support/served-mock.js';
import { ADMIN_KEY, auth } from './proxy-fixture.js';

const STACK_FRAME = /\n\s+at\s/;

/** The CLI in-process, with a stop() that resolves its stopSignal as Ctrl-C does. */
function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: (signal: string) => void;
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env: {}, stopSignal: new Promise((resolve) => (stop = resolve)) };
  return { exit: main(['proxy', ...argv], io), stop, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function listeningOn(cli: ReturnType<typeof run>): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    const url = /listening on (http:\/\/\S+)/.exec(cli.stdout())?.[1];
    if (url) return url;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no banner within 10 s: ${cli.stderr()}`);
}

describe('flowyte-contract proxy', () => {
  let mock: ServedMock;
  beforeAll(async () => {
    mock = await serveMock();
  });
  afterAll(() => mock.close());

  it('should say where it listens and what it forwards to, and on SIGINT stop cleanly with a finished HAR', async () => {
    const har = join(mkdtempSync(join(tmpdir(), 'flowyte-proxy-cli-')), 'session.har');
    const cli = run(['--target', mock.baseUrl, '--port', '0', '--record', har]);
    const baseUrl = await listeningOn(cli);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(cli.stdout()).toContain(`forwarding to ${mock.baseUrl}`);
    expect(cli.stdout()).toContain(`recording to ${har}`);
    for (const path of ['/integrations/catalog', '/integrations']) expect((await fetch(baseUrl + path, { headers: auth })).status).toBe(200);
    cli.stop('SIGINT');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toMatch(/stopped\. 2 exchange\(s\), 0 violation\(s\).*; 2 recorded to /);
    const recorded = JSON.parse(readFileSync(har, 'utf8')) as Har;
    expect(recorded.log.entries).toHaveLength(2);
    expect(readFileSync(har, 'utf8')).not.toContain(ADMIN_KEY);
    expect((await fetch(baseUrl + '/integrations/catalog').catch((error: Error) => error)) instanceof Error).toBe(true);
  });

  it.each([
    [[], 'USAGE: proxy needs --target URL'],
    [['--target', 'ftp://example.com/api/v1'], 'USAGE: --target must be an http(s) URL'],
    [['--target', 'https://user:pw@example.com/api/v1'], 'USAGE: --target must not carry user:password@'],
    [['--target', 'not a url'], 'USAGE: --target must be an http(s) URL such as'],
    [['--target', 'http://127.0.0.1:1/api/v1', '--timeout', 'soon'], 'USAGE: --timeout must be a whole number'],
    [['--target', 'http://127.0.0.1:1/api/v1', '--max-body-bytes', '10'], 'USAGE: --max-body-bytes must be a whole number from 1024'],
    [['--target', 'http://127.0.0.1:1/api/v1', '--record', join(tmpdir(), 'no-such-dir-flowyte', 'x.har'), '--port', '0'], 'USAGE: --record: cannot write'],
    [['--target', 'http://127.0.0.1:1/api/v1', '--nope'], 'USAGE: Unknown option'],
    [['--target', 'http://127.0.0.1:1/api/v1', '--allowed-host', 'evil example', '--port', '0'], 'USAGE: --allowed-host must be a host name'],
  ])('should refuse %j with one line and exit 2', async (argv, message) => {
    const cli = run(argv);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain(`flowyte-contract: ${message}`);
    expect(cli.stderr().trim().split('\n')).toHaveLength(1);
    expect(cli.stderr()).not.toMatch(STACK_FRAME);
  });

  it('should say PORT_IN_USE for a port that is taken, leaving the previous recording as it was', async () => {
    const holder = createServer();
    await once(holder.listen(0, '127.0.0.1'), 'listening');
    const har = join(mkdtempSync(join(tmpdir(), 'flowyte-proxy-cli-')), 'yesterday.har');
    writeFileSync(har, '{"log":{"version":"1.2","entries":[]}}');
    try {
      const cli = run(['--target', mock.baseUrl, '--port', String((holder.address() as AddressInfo).port), '--record', har]);
      expect(await cli.exit).toBe(2);
      expect(cli.stderr()).toMatch(/^flowyte-contract: PORT_IN_USE: port \d+ on 127\.0\.0\.1 is already in use\n$/);
      expect(readFileSync(har, 'utf8')).toBe('{"log":{"version":"1.2","entries":[]}}');
    } finally {
      holder.close();
    }
  });

  it('should print its help', async () => {
    const cli = run(['--help']);
    expect(await cli.exit).toBe(0);
    for (const flag of ['--target', '--errors', '--record', '--documented-only', '--timeout', '--max-body-bytes', '--quiet', '--spec']) expect(cli.stdout()).toContain(flag);
  });
});
