import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMock, type ServedMock } from '../support/served-mock.js';
import { ADMIN_KEY, auth, json, proxyTo, violationsOf, type TestProxy } from './proxy-fixture.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
}

/** A target that records what reached it and answers as `answer` says (a catalog-shaped 200 by default). */
async function startRecordingTarget(answer: (req: IncomingMessage, res: ServerResponse) => void = catalog) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, bodyBytes });
      answer(req, res);
    });
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const CATALOG = JSON.stringify({ success: true, data: [], nextCursor: null, hasMore: false });
function catalog(_: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive, x-target-hop', 'x-target-hop': 'for the proxy only', 'x-target-only': 'yes' });
  res.end(CATALOG);
}

/** A raw request through node:http, which sends whatever hop-by-hop headers it is given. */
function rawRequest(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    outgoing.on('error', reject).end();
  });
}

describe('what the proxy forwards', () => {
  let target: Awaited<ReturnType<typeof startRecordingTarget>>;
  let proxy: TestProxy;
  beforeAll(async () => {
    target = await startRecordingTarget();
    // The target serves the API under a path of its own: the proxy maps the contract's base path onto it.
    proxy = await proxyTo(`${target.origin}/staging/api/v1`);
  });
  afterAll(async () => {
    await proxy.close();
    await target.close();
  });

  it("should map the API's base path onto the target's, and keep the method and the query", async () => {
    await (await fetch(`${proxy.baseUrl}/integrations/catalog?limit=2&cursor=abc`, { headers: auth })).text();
    expect(target.seen.at(-1)).toMatchObject({ method: 'GET', url: '/staging/api/v1/integrations/catalog?limit=2&cursor=abc' });
    expect(target.seen.at(-1)!.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
  });

  it('should forward a path outside the API to the target origin unchanged, and not judge it', async () => {
    const response = await fetch(`${proxy.origin}/__mock/state?x=1`);
    expect(response.status).toBe(200);
    expect(target.seen.at(-1)!.url).toBe('/__mock/state?x=1');
    expect(response.headers.get('x-flowyte-violations')).toBeNull();
    expect(proxy.log()).toMatch(/GET \/__mock\/state 200 \S+ not judged \(outside the API\)/);
  });

  it('should not forward hop-by-hop headers, nor those the Connection header names', async () => {
    const answer = await rawRequest(`${proxy.baseUrl}/integrations/catalog`, { ...auth, connection: 'keep-alive, x-private-hop', 'x-private-hop': 'secret-hop', 'keep-alive': 'timeout=5', te: 'trailers', 'proxy-authorization': 'Basic cHJveHk6c2VjcmV0', 'x-end-to-end': 'kept' });
    const received = target.seen.at(-1)!.headers;
    expect(received['x-private-hop']).toBeUndefined();
    // A credential for the proxy on the way (RFC 9110 §11.7.2): the target never sees it.
    expect(received['proxy-authorization']).toBeUndefined();
    expect(received.te).toBeUndefined();
    expect(received['keep-alive']).toBeUndefined();
    expect(received['x-end-to-end']).toBe('kept');
    expect(received.host).toBe(new URL(target.origin).host);
    // And back: the target's own hop-by-hop headers stay with its connection.
    expect(answer.headers['x-target-hop']).toBeUndefined();
    expect(answer.headers['x-target-only']).toBe('yes');
  });

  it('should stream a request body over the cap on, unjudged', async () => {
    const body = JSON.stringify({ credentials: { apiKey: 'x'.repeat(2 * 1024 * 1024) } });
    const response = await fetch(`${proxy.baseUrl}/integrations/shopify/connect`, { method: 'POST', headers: json, body });
    await response.text();
    expect(target.seen.at(-1)).toMatchObject({ method: 'POST', bodyBytes: Buffer.byteLength(body) });
    expect(violationsOf(response).filter((violation) => violation.location.startsWith('request'))).toEqual([]);
  });

  it('should never log a key', () => {
    expect(proxy.log()).not.toContain(ADMIN_KEY);
    expect(proxy.log()).not.toMatch(/authorization|bearer/i);
  });
});

describe("the proxy's CORS", () => {
  let mock: ServedMock;
  let proxy: TestProxy;
  beforeAll(async () => {
    mock = await serveMock();
    proxy = await proxyTo(mock.baseUrl);
  });
  afterAll(async () => {
    await proxy.close();
    await mock.close();
  });

  it('should answer an API preflight itself, as the mock does', async () => {
    const response = await fetch(`${proxy.baseUrl}/integrations/shopify/connect`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-flowyte-violations/i);
  });

  it('should expose x-flowyte-violations and x-flowyte-validation on its answers, besides the mock’s own list', async () => {
    const response = await fetch(`${proxy.baseUrl}/integrations/catalog`, { headers: { ...auth, origin: 'http://localhost:5173' } });
    const exposed = response.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const name of ['www-authenticate', 'retry-after', 'x-flowyte-violations', 'x-flowyte-validation']) expect(exposed).toContain(name);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    // The mock sends its own list: merged, each name once.
    const names = exposed.split(',').map((name) => name.trim());
    expect(names).toEqual([...new Set(names)]);
  });

  it("should not pass on a target's Access-Control-Allow-Credentials beside its own Allow-Origin: *", async () => {
    const target = await startRecordingTarget((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Request-Id, WWW-Authenticate' });
      res.end(CATALOG);
    });
    const credentialed = await proxyTo(`${target.origin}/api/v1`);
    try {
      const response = await fetch(`${credentialed.baseUrl}/integrations/catalog`, { headers: { ...auth, origin: 'http://localhost:5173' } });
      await response.text();
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const names = response.headers.get('access-control-expose-headers')!.split(',').map((name) => name.trim().toLowerCase());
      expect(names).toContain('x-request-id');
      expect(names.filter((name) => name === 'www-authenticate')).toHaveLength(1);
    } finally {
      await credentialed.close();
      await target.close();
    }
  });
});

describe('answers without content', () => {
  let target: Awaited<ReturnType<typeof startRecordingTarget>>;
  let proxy: TestProxy;
  beforeAll(async () => {
    target = await startRecordingTarget((req, res) => {
      if (req.url!.endsWith('/integrations')) return void res.writeHead(204).end();
      res.writeHead(304, { etag: '"v1"', 'cache-control': 'no-cache' });
      res.end();
    });
    proxy = await proxyTo(`${target.origin}/api/v1`);
  });
  afterAll(async () => {
    await proxy.close();
    await target.close();
  });

  it('should pass on a 304 to a conditional GET without a Content-Length of its own making, and without a violation', async () => {
    const answer = await rawRequest(`${proxy.baseUrl}/integrations/catalog`, { ...auth, 'if-none-match': '"v1"' });
    expect(answer.status).toBe(304);
    expect(answer.headers.etag).toBe('"v1"');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.headers['x-flowyte-violations']).toBeUndefined();
  });

  it('should still flag a 304 that answers an unconditional GET: the contract does not declare it', async () => {
    const answer = await rawRequest(`${proxy.baseUrl}/integrations/catalog`, auth);
    expect(answer.status).toBe(304);
    expect(answer.headers['content-length']).toBeUndefined();
    expect(JSON.parse(String(answer.headers['x-flowyte-violations'])).map((violation: { check: string }) => violation.check)).toEqual(['status_code_declared']);
  });

  it('should pass on a 204 without a Content-Length', async () => {
    const answer = await rawRequest(`${proxy.baseUrl}/integrations`, auth);
    expect(answer.status).toBe(204);
    expect(answer.headers['content-length']).toBeUndefined();
  });
});

describe('a compressed answer', () => {
  it('should be judged on its decoded body and passed on as the target encoded it', async () => {
    const broken = gzipSync(JSON.stringify({ data: [] })); // no `success`: the envelope is broken
    const target = await startRecordingTarget((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(broken.length) });
      res.end(broken);
    });
    const proxy = await proxyTo(`${target.origin}/api/v1`);
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations/catalog`, { headers: { ...auth, 'accept-encoding': 'gzip, zstd' } });
      expect(await response.json()).toEqual({ data: [] }); // fetch decodes it
      expect(violationsOf(response).map((violation) => violation.check)).toContain('envelope');
      // Codings the proxy could not read back are not offered to the target.
      expect(target.seen.at(-1)!.headers['accept-encoding']).toBe('gzip');
    } finally {
      await proxy.close();
      await target.close();
    }
  });

  it('should not inflate past the cap a small body that decodes huge', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, ' '));
    const target = await startRecordingTarget((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const proxy = await proxyTo(`${target.origin}/api/v1`);
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations/catalog`, { headers: auth });
      expect(response.headers.get('x-flowyte-validation')).toBe('not-validated; body over the 1048576-byte cap once decoded (gzip)');
      await response.arrayBuffer();
    } finally {
      await proxy.close();
      await target.close();
    }
  });
});

describe('a HEAD request', () => {
  it('should be judged on its status and headers, not on the body it cannot have', async () => {
    const mock = await serveMock();
    const proxy = await proxyTo(mock.baseUrl);
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations/catalog`, { method: 'HEAD', headers: auth });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-flowyte-violations')).toBeNull();
      expect(proxy.violationLines()).toEqual([]);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
