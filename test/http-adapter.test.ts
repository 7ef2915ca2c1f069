import { request as httpRequest, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withConditions, type ConditionedCore } from '../src/mock/conditions/with-conditions.js';
import { createMockCore, type MockOptions } from '../src/mock/core.js';
import { createMockServer, type ServedRequest } from '../src/mock/http-adapter.js';
import { serveMock, type ServedMock } from './support/served-mock.js';
import { KEYS, loadContract } from './support/test-mock.js';

// A stack frame as Node prints one: `at fn (/path/file.ts:12:3)` or `at /path/file.js:12`.
const STACK_FRAME = /\bat\s+(?:\S+\s+\()?(?:file:\/\/)?[\w./\\:-]*[/\\][\w.-]+\.[cm]?[jt]s:\d+/;

type RunningMock = ServedMock & { served: ServedRequest[] };

async function startMock(options: Partial<MockOptions> = {}): Promise<RunningMock> {
  const served: ServedRequest[] = [];
  const mock = await serveMock(undefined, { mock: options, onServed: (entry) => served.push(entry) });
  return { ...mock, served };
}

const bearer = (key: string = KEYS.acmeAdmin) => ({ authorization: `Bearer ${key}` });

/**
 * A request through `node:http`, for what fetch cannot do cleanly: a body the server stops reading. The
 * server closes the connection after answering, so a write error after the answer is expected.
 */
function rawRequest(origin: string, method: string, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    let answered = false;
    const req = httpRequest(`${origin}${path}`, { method, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}

describe('the mock over real HTTP', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    expect((await fetch(`${mock.origin}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    mock.served.length = 0;
  });

  it('should answer an authorised GET /api/v1/integrations with 200 JSON', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`, { headers: bearer() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ success: true, data: [], nextCursor: null, hasMore: false });
  });

  it('should answer a body over 1 MiB with 413 problem+json and keep serving afterwards', async () => {
    const reply = await rawRequest(
      mock.origin,
      'POST',
      '/api/v1/integrations/shopify/connect',
      { ...bearer(), 'content-type': 'application/json' },
      Buffer.alloc(2 * 1024 * 1024, 32),
    );
    expect(reply.status).toBe(413);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(reply.text)).toMatchObject({ status: 413, code: 'payload_too_large', instance: '/api/v1/integrations/shopify/connect' });
    expect(reply.text).not.toMatch(STACK_FRAME);

    const after = await fetch(`${mock.origin}/api/v1/integrations`, { headers: bearer() });
    expect(after.status).toBe(200);
  });

  it('should answer malformed JSON with 400 problem+json naming body', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations/shopify/connect`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: '{"credentials": {"apiKey": ',
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(text)).toMatchObject({ status: 400, code: 'malformed_json', errors: [{ field: 'body' }] });
    expect(text).not.toMatch(STACK_FRAME);
  });

  it('should answer a text/plain body with 415 problem+json', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations/shopify/connect`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'text/plain' },
      body: 'apiKey=shpat_1',
    });
    const text = await response.text();
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(text)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(text).not.toMatch(STACK_FRAME);
  });

  it('should answer an unknown path with 404 problem+json', async () => {
    const response = await fetch(`${mock.origin}/api/v1/nowhere`, { headers: bearer() });
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(text)).toMatchObject({ status: 404, code: 'route_not_found', instance: '/api/v1/nowhere' });
    expect(text).not.toMatch(STACK_FRAME);
  });

  it('should answer a wrong method with 405 and Allow', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`, { method: 'PUT', headers: bearer() });
    const text = await response.text();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(JSON.parse(text)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(text).not.toMatch(STACK_FRAME);
  });

  it('should not refuse OPTIONS with 405 while its own Allow header lists OPTIONS', async () => {
    // A plain OPTIONS (no Access-Control-Request-Method, so not a CORS preflight).
    const response = await fetch(`${mock.origin}/api/v1/integrations`, { method: 'OPTIONS' });
    expect(response.headers.get('allow')).toContain('GET');
    expect(response.status).not.toBe(405);
  });

  it('should answer a missing key with 401 and WWW-Authenticate: Bearer', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`);
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(text).not.toMatch(STACK_FRAME);
  });

  it('should answer a CORS preflight with 204 and the allowed methods and headers', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations/postgres/scoping`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(response.headers.get('access-control-allow-methods')).toMatch(/\bPATCH\b/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('should add Access-Control-Allow-Origin: * to a normal response', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`, { headers: { ...bearer(), origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('should run the OAuth flow: connect, consent page, Approve, then connected', async () => {
    const connect = await fetch(`${mock.origin}/api/v1/integrations/google_calendar/connect`, { method: 'POST', headers: bearer() });
    expect(connect.status).toBe(200);
    const oauthUrl = new URL(((await connect.json()) as { data: { oauthUrl: string } }).data.oauthUrl);
    // The URL must work from where the client stands: same host and port it used.
    expect(oauthUrl.origin).toBe(mock.origin);
    const state = oauthUrl.searchParams.get('state')!;

    const page = await fetch(oauthUrl);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);

    const decision = await fetch(`${mock.origin}/__mock/oauth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state, decision: 'approve' }).toString(),
    });
    expect(decision.status).toBe(200);

    const listed = (await (await fetch(`${mock.origin}/api/v1/integrations`, { headers: bearer() })).json()) as {
      data: Array<{ kind: string; status: string }>;
    };
    expect(listed.data).toEqual([expect.objectContaining({ kind: 'google_calendar', status: 'connected' })]);
  });

  it('should answer a request the HTTP parser refuses (a Content-Length that is no number) with problem+json', async () => {
    const { port } = new URL(mock.origin);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(Number(port), '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write('POST /api/v1/integrations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('content-type: application/problem+json');
    expect(answer).toContain('access-control-allow-origin: *');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('should report each request to onServed with method, path without query, status and key name, never a secret', async () => {
    const secret = 'shpat_TOP_SECRET_4242';
    const querySecret = 'q_SECRET_9191';
    const response = await fetch(`${mock.origin}/api/v1/integrations/shopify/connect?token=${querySecret}`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: { apiKey: secret } }),
    });
    expect(response.status).toBe(200);

    expect(mock.served).toHaveLength(1);
    const [entry] = mock.served;
    expect(entry).toEqual({
      method: 'POST',
      path: '/api/v1/integrations/shopify/connect',
      status: 200,
      durationMs: expect.any(Number),
      keyName: 'acme_admin',
      preflight: false,
      dropped: false,
    });
    const logged = JSON.stringify(entry);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(querySecret);
    expect(logged).not.toContain(KEYS.acmeAdmin);
  });
});

describe('the mock over real HTTP with cors: false', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ cors: false });
  });
  afterAll(() => mock.close());

  it('should add no Access-Control-Allow-Origin header', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`, { headers: { ...bearer(), origin: 'http://localhost:5173' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should answer a CORS preflight as a plain OPTIONS, granting nothing', async () => {
    const response = await fetch(`${mock.origin}/api/v1/integrations`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });
});

/** A GET through `node:http`, for what fetch will not send: a Host of our choosing. */
function getWithHost(origin: string, path: string, host: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers: { ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw request written as it is (HTTP/1.0, no Host), and the whole answer. */
function rawExchange(origin: string, text: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = netConnect(Number(new URL(origin).port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
  });
}

async function listen(server: Server): Promise<{ origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('the mock over real HTTP: conditions, guards and the log', () => {
  it('should hold an answer for Prefer: delay, and let a page read Retry-After of a forced 429', async () => {
    const { document } = await loadContract();
    const served: ServedRequest[] = [];
    let conditioned: ConditionedCore | undefined;
    const mock = await serveMock((core, request) => (conditioned ??= withConditions(core, { document })).handle(request), { onServed: (entry) => served.push(entry) });
    try {
      const started = performance.now();
      const response = await fetch(`${mock.baseUrl}/integrations`, { headers: { ...bearer(), prefer: 'code=429, delay=200' } });
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b.*\bRateLimit-Reset\b/);
      expect(await response.json()).toMatchObject({ code: 'rate_limited' });
      expect(served).toEqual([expect.objectContaining({ status: 429, code: 'rate_limited', keyName: 'acme_admin', simulated: 'Prefer code=429' })]);
      expect(served[0]!.durationMs).toBeGreaterThanOrEqual(190);
    } finally {
      await mock.close();
    }
  });

  it('should close the connection without a word for a dropped answer, and keep serving', async () => {
    const served: ServedRequest[] = [];
    let drop = true;
    const mock = await serveMock((core, request) => (drop ? { status: 0, headers: {}, body: '', drop: true, simulated: 'fault: connection dropped' } : core.handle(request)), {
      onServed: (entry) => served.push(entry),
    });
    try {
      await expect(fetch(`${mock.baseUrl}/integrations`, { headers: bearer() })).rejects.toThrow();
      expect(served).toEqual([expect.objectContaining({ status: 0, dropped: true, simulated: 'fault: connection dropped' })]);
      drop = false;
      expect((await fetch(`${mock.baseUrl}/integrations`, { headers: bearer() })).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('should name the problem code and the key in onServed, and mark preflights', async () => {
    const mock = await startMock();
    try {
      await fetch(`${mock.origin}/api/v1/nowhere`, { headers: bearer() });
      await fetch(`${mock.origin}/api/v1/integrations`, { headers: { authorization: 'Bearer flowyte_sk_test_nobody' } });
      await fetch(`${mock.origin}/api/v1/integrations`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
      expect(mock.served.map(({ status, code, keyName, preflight }) => ({ status, code, keyName, preflight }))).toEqual([
        { status: 404, code: 'route_not_found', keyName: 'acme_admin', preflight: false },
        { status: 401, code: 'unauthorized', keyName: undefined, preflight: false },
        { status: 204, code: undefined, keyName: undefined, preflight: true },
      ]);
      expect(JSON.stringify(mock.served)).not.toContain('flowyte_sk_');
    } finally {
      await mock.close();
    }
  });

  it('should refuse a Host it is not served under (DNS rebinding) with 403, and answer one without Host', async () => {
    const mock = await startMock();
    try {
      const refused = await getWithHost(mock.origin, '/api/v1/integrations', 'evil.example', bearer());
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'host_not_allowed', errors: [{ field: 'Host' }] });
      expect((await getWithHost(mock.origin, '/__mock/state', 'rebound.evil.example:80')).status).toBe(403);
      expect((await getWithHost(mock.origin, '/api/v1/integrations', 'localhost:4010', bearer())).status).toBe(200);
      const old = await rawExchange(mock.origin, `GET /api/v1/integrations HTTP/1.0\r\nAuthorization: Bearer ${KEYS.acmeAdmin}\r\n\r\n`);
      expect(old).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      await mock.close();
    }
  });

  it('should answer the names it is allowed, and every Host with the guard off', async () => {
    const { document } = await loadContract();
    const allowed = await listen(createMockServer(createMockCore({ document }), { hostGuard: { listenHost: 'devbox', allowedHosts: ['mock'] } }));
    const open = await listen(createMockServer(createMockCore({ document }), { hostGuard: false }));
    try {
      expect((await getWithHost(allowed.origin, '/api/v1/integrations', 'mock:4010', bearer())).status).toBe(200);
      expect((await getWithHost(allowed.origin, '/api/v1/integrations', 'devbox', bearer())).status).toBe(200);
      expect((await getWithHost(allowed.origin, '/api/v1/integrations', 'other', bearer())).status).toBe(403);
      expect((await getWithHost(open.origin, '/api/v1/integrations', 'other', bearer())).status).toBe(200);
    } finally {
      await allowed.close();
      await open.close();
    }
  });

  it('should refuse a cross-site POST /__mock/reset and send the consent back to the app with 303', async () => {
    const mock = await startMock();
    try {
      const forged = await fetch(`${mock.origin}/__mock/reset`, { method: 'POST', headers: { origin: 'http://evil.example' } });
      expect(forged.status).toBe(403);
      expect(forged.headers.get('access-control-allow-origin')).toBeNull();
      const connect = await fetch(`${mock.origin}/api/v1/integrations/google_calendar/connect`, { method: 'POST', headers: bearer() });
      const oauthUrl = new URL(((await connect.json()) as { data: { oauthUrl: string } }).data.oauthUrl);
      const decision = await fetch(`${mock.origin}/__mock/oauth/consent`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: mock.origin },
        body: new URLSearchParams({ state: oauthUrl.searchParams.get('state')!, decision: 'approve', redirect_uri: 'http://localhost:5173/cb' }).toString(),
      });
      expect(decision.status).toBe(303);
      expect(decision.headers.get('location')).toBe('http://localhost:5173/cb?status=connected&kind=google_calendar');
    } finally {
      await mock.close();
    }
  });
});
