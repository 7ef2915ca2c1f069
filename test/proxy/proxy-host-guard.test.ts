import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, auth, proxyTo, type TestProxy } from './proxy-fixture.js';

/** A request through node:http, which (unlike fetch) sends the Host it is given, with a body when one is given. */
function hostRequest(url: string, host: string, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...auth, host, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const outgoing = request(url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    outgoing.on('error', reject).end(body);
  });
}

describe("the proxy's Host guard (DNS rebinding), as the mock's", () => {
  let reached = 0;
  const target = createServer((req, res) => {
    reached++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: [], nextCursor: null, hasMore: false }));
  });
  let origin: string;
  let proxy: TestProxy;
  beforeAll(async () => {
    await once(target.listen(0, '127.0.0.1'), 'listening');
    origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    proxy = await proxyTo(`${origin}/api/v1`);
  });
  afterAll(async () => {
    await proxy.close();
    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
  });

  it('should refuse a Host it is not served under with a 403 problem, on the API and off it, and forward nothing', async () => {
    const before = reached;
    for (const url of [`${proxy.baseUrl}/integrations/catalog`, `${proxy.origin}/internal/admin`]) {
      const answer = await hostRequest(url, 'evil.example');
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(JSON.parse(answer.text)).toMatchObject({ status: 403, code: 'host_not_allowed', errors: [{ field: 'Host' }] });
      expect(JSON.parse(answer.text).detail).toContain('start the proxy with --allowed-host evil.example');
    }
    // A body sent with it is not forwarded either, and the connection ends cleanly.
    expect((await hostRequest(`${proxy.baseUrl}/integrations/shopify/connect`, 'evil.example', JSON.stringify({ credentials: { apiKey: 'shpat_never_forwarded' } }))).status).toBe(403);
    expect(reached).toBe(before);
    expect(proxy.stats.hostRefused).toBe(3);
  });

  it('should log each refused name once, without user info or the key', async () => {
    await hostRequest(`${proxy.baseUrl}/integrations/catalog`, 'someone:hunter2@rebound.example');
    await hostRequest(`${proxy.baseUrl}/integrations/catalog`, 'rebound.example');
    const lines = proxy.log().split('\n').filter((line) => line.includes('refused requests for Host'));
    expect(lines.filter((line) => line.includes('"rebound.example"'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('"evil.example"'))).toHaveLength(1);
    expect(proxy.log()).not.toContain('hunter2');
    expect(proxy.log()).not.toContain(ADMIN_KEY);
  });

  it('should answer localhost and IP addresses', async () => {
    expect((await hostRequest(`${proxy.baseUrl}/integrations/catalog`, 'localhost:4010')).status).toBe(200);
    expect((await hostRequest(`${proxy.baseUrl}/integrations/catalog`, '127.0.0.1')).status).toBe(200);
  });

  it('should answer a Host named with --allowed-host, or under a domain given with a leading dot', async () => {
    const allowing = await proxyTo(`${origin}/api/v1`, { allowedHosts: ['evil.example', '.docker.test'] });
    try {
      const before = reached;
      expect((await hostRequest(`${allowing.baseUrl}/integrations/catalog`, 'evil.example:4010')).status).toBe(200);
      expect((await hostRequest(`${allowing.baseUrl}/integrations/catalog`, 'proxy.docker.test')).status).toBe(200);
      expect((await hostRequest(`${allowing.baseUrl}/integrations/catalog`, 'docker.test.evil')).status).toBe(403);
      expect(reached).toBe(before + 2);
    } finally {
      await allowing.close();
    }
  });
});
