import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Har } from '../../src/traffic/har.js';
import { freePort } from '../support/free-port.js';
import { startHostileServer, type Behaviour, type HostileServer } from '../support/hostile-server.js';
import { ADMIN_KEY, auth, proxyTo, type TestProxy } from './proxy-fixture.js';

const HUGE_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 400;

/** What the hostile server does, by the path asked for: each fault on a path of its own, the catalog answered. */
const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  '/api/v1/integrations': { delay: 3_000 },
  '/api/v1/integrations/shopify/actions': 'reset',
  '/api/v1/integrations/square/actions': 'drop',
  '/api/v1/integrations/hubspot/actions': 'drip',
  '/api/v1/integrations/calendly/actions': { hugeBytes: HUGE_BYTES },
};

describe('the proxy in front of a hostile server', () => {
  let hostile: HostileServer;
  let proxy: TestProxy;
  beforeAll(async () => {
    hostile = await startHostileServer((_, path) => BEHAVIOURS[path] ?? 'pass');
    proxy = await proxyTo(hostile.baseUrl, { timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await proxy.close();
    await hostile.close();
  });

  const get = (path: string) => fetch(`${proxy.baseUrl}${path}`, { headers: auth });
  /** The proxy still answers, and passes a good answer on. */
  async function expectStillUp() {
    const response = await get('/integrations/catalog');
    expect(response.status).toBe(200);
    expect((await response.json()).success).toBe(true);
  }

  it.each([
    { what: 'an answer slower than --timeout', path: '/integrations', status: 504, code: 'target_timeout' },
    { what: 'a body that never ends', path: '/integrations/hubspot/actions', status: 504, code: 'target_timeout' },
    { what: 'a connection reset halfway through the body', path: '/integrations/shopify/actions', status: 502, code: 'target_reset' },
    { what: 'a connection closed without an answer', path: '/integrations/square/actions', status: 502, code: 'target_reset' },
  ])('should answer $what with a $status $code problem+json, and stay up', async ({ path, status, code }) => {
    const started = Date.now();
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toMatchObject({ status, code, instance: `/api/v1${path}` });
    expect(body.detail).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(proxy.log()).toMatch(new RegExp(`Z GET /api/v1${path} ${status} \\S+ ${code}\n`));
    await expectStillUp();
  });

  it('should answer a client that stalls mid-body with a 504 within --timeout, and close the connection', async () => {
    const before = hostile.requests();
    const started = Date.now();
    const { port, hostname } = new URL(proxy.origin);
    const socket = connect(Number(port), hostname);
    const head = ['POST /api/v1/integrations/shopify/connect HTTP/1.1', `Host: ${hostname}:${port}`, 'Content-Type: application/json', `Authorization: Bearer ${ADMIN_KEY}`, 'Content-Length: 1000'];
    // The head and the body's first bytes, then nothing: the rest of the 1,000 bytes never comes.
    socket.write(`${head.join('\r\n')}\r\n\r\n{"credentials":{"apiKey":"shp`);
    const received = await new Promise<string>((resolve) => {
      let text = '';
      const guard = setTimeout(() => (socket.destroy(), resolve(`${text}(still open)`)), TIMEOUT_MS + 3_000);
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => (clearTimeout(guard), resolve(text)));
    });
    expect(received).toMatch(/^HTTP\/1\.1 504 /);
    expect(received).toContain('"code":"target_timeout"');
    expect(received).toContain("The request's body did not arrive whole within 400 ms");
    expect(received).not.toContain('(still open)');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(hostile.requests()).toBe(before);
    await expectStillUp();
  });

  it('should forward a 50 MB answer whole and say it was not validated', async () => {
    // The default time limit: --timeout bounds the whole exchange, the 50 MB included.
    const patient = await proxyTo(hostile.baseUrl);
    try {
      const response = await fetch(`${patient.baseUrl}/integrations/calendly/actions`, { headers: auth });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-flowyte-validation')).toBe('not-validated; body over the 1048576-byte cap');
      const length = Number(response.headers.get('content-length'));
      expect(length).toBeGreaterThan(HUGE_BYTES);
      expect(await drain(response)).toBe(length);
      expect(patient.log()).toMatch(/GET \/api\/v1\/integrations\/calendly\/actions 404 \S+ not validated: body over the 1048576-byte cap/);
    } finally {
      await patient.close();
    }
    await expectStillUp();
  }, 60_000);
});

describe('the proxy in front of a target that is not there, or not HTTP', () => {
  it('should answer 502 target_unreachable when nothing listens on the target port', async () => {
    const proxy = await proxyTo(`http://127.0.0.1:${await freePort()}/api/v1`);
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations`, { headers: auth });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'target_unreachable', detail: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await proxy.close();
    }
  });

  it('should answer 502 target_unreachable when the target host name does not resolve', async () => {
    const proxy = await proxyTo('http://no-such-host.invalid/api/v1');
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations`, { headers: auth });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'target_unreachable', detail: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
    } finally {
      await proxy.close();
    }
  });

  it('should answer 502 target_protocol_error when the target does not speak HTTP', async () => {
    const garbage = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n'));
    await once(garbage.listen(0, '127.0.0.1'), 'listening');
    const proxy = await proxyTo(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}/api/v1`);
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations`, { headers: auth });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'target_protocol_error' });
    } finally {
      await proxy.close();
      garbage.close();
    }
  });

  it('should hold no more than the cap of an answer far larger than memory would allow whole', async () => {
    const huge = await startStreamingServer(200 * 1024 * 1024);
    const proxy = await proxyTo(huge.baseUrl);
    try {
      await drain(await fetch(`${proxy.baseUrl}/integrations`)); // warm: the first exchange's allocations are no growth
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const response = await fetch(`${proxy.baseUrl}/integrations`);
      const length = await drain(response).finally(() => clearInterval(sampler));
      expect(length).toBe(200 * 1024 * 1024);
      expect(response.headers.get('x-flowyte-validation')).toMatch(/^not-validated/);
      // A proxy that buffered the answer would grow by 200 MB at least.
      expect((peak - baseline) / 1024 / 1024).toBeLessThan(100);
    } finally {
      await proxy.close();
      await huge.close();
    }
  }, 60_000);

  it('should stop promptly with an exchange under way, and record it as unanswered', async () => {
    const silent = createHttpServer(() => {});
    await once(silent.listen(0, '127.0.0.1'), 'listening');
    const har = join(mkdtempSync(join(tmpdir(), 'flowyte-proxy-stop-')), 'session.har');
    const proxy = await proxyTo(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/v1`, { recordPath: har });
    try {
      const request = fetch(`${proxy.baseUrl}/integrations`, { headers: auth }).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await proxy.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await request).toBeInstanceOf(Error);
      const { log } = JSON.parse(readFileSync(har, 'utf8')) as Har;
      expect(log.entries).toEqual([expect.objectContaining({ response: expect.objectContaining({ status: 0 }), comment: 'cut short: the proxy stopped' })]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("should cancel the target's exchange when the client goes away", async () => {
    let upstreamClosed: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    // Never answers; tells when the proxy lets go of the connection.
    const silent = createHttpServer((req) => req.socket.on('close', () => upstreamClosed()));
    await once(silent.listen(0, '127.0.0.1'), 'listening');
    const proxy = await proxyTo(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/v1`);
    try {
      const abort = new AbortController();
      const request = fetch(`${proxy.baseUrl}/integrations`, { headers: auth, signal: abort.signal }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      abort.abort();
      await request;
      await expect(Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000))])).resolves.toBe('closed');
    } finally {
      await proxy.close();
      silent.closeAllConnections();
      silent.close();
    }
  });
});

/**
 * A server answering every request with a JSON body of `bytes`, written from one reused chunk as fast as the
 * reader takes it: it holds no more than that chunk, so memory growth in this process is the proxy's.
 */
async function startStreamingServer(bytes: number) {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = createHttpServer((_, res) => {
    const head = Buffer.from('{"padding":"');
    const tail = Buffer.from('","success":true}');
    let left = bytes - head.length - tail.length;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes) });
    res.write(head);
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end(tail);
    };
    pump();
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Reads a body to its end without keeping it; answers its length. */
async function drain(response: Response): Promise<number> {
  let length = 0;
  for await (const chunk of response.body!) length += chunk.length;
  return length;
}
