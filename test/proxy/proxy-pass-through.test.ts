import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, json, proxyTo, type TestProxy } from './proxy-fixture.js';

const TIMEOUT_MS = 400;
const EVENTS = 12;
const EVERY_MS = 100;

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A target with more than the contract describes: server-sent events (one every 100 ms, for three times --timeout)
 * outside the API and on a route under it the contract does not know, and a plain answer to anything else.
 */
async function startTarget() {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url!.endsWith('/events')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        let sent = 0;
        const tick = setInterval(() => {
          res.write(`data: ${++sent}\n\n`);
          if (sent < EVENTS) return;
          clearInterval(tick);
          res.end();
        }, EVERY_MS);
        return void res.on('close', () => clearInterval(tick));
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":"inv_1"}');
    });
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

/** Reads a server-sent-events stream to its end, with the milliseconds each event took to arrive. */
async function readEvents(response: Response, started: number): Promise<Array<{ data: string; atMs: number }>> {
  const events: Array<{ data: string; atMs: number }> = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      events.push({ data: buffered.slice(0, end).replace(/^data: /, ''), atMs: Date.now() - started });
      buffered = buffered.slice(end + 2);
    }
  }
  return events;
}

describe('traffic the contract does not judge', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let proxy: TestProxy;
  beforeAll(async () => {
    target = await startTarget();
    proxy = await proxyTo(`${target.origin}/api/v1`, { timeoutMs: TIMEOUT_MS, errors: true });
  });
  afterAll(async () => {
    await proxy.close();
    await target.close();
  });

  it.each([
    { where: 'outside the API', path: '/events', note: 'not judged (outside the API)' },
    { where: 'on a route under /api/v1 the contract does not describe', path: '/api/v1/live/events', note: 'not judged (not in the contract)' },
  ])('should stream server-sent events $where as they come, for longer than --timeout', async ({ path, note }) => {
    const started = Date.now();
    const response = await fetch(proxy.origin + path, { headers: { ...auth, accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await readEvents(response, started);
    expect(events.map((event) => event.data)).toEqual(Array.from({ length: EVENTS }, (_, i) => String(i + 1)));
    // Each event passes as it is sent, not when the stream ends (or the cap fills).
    expect(events[0]!.atMs).toBeLessThan(EVENTS * EVERY_MS / 2);
    expect(events.at(-1)!.atMs).toBeGreaterThan(2 * TIMEOUT_MS);
    expect(proxy.log()).toMatch(new RegExp(`GET ${path} 200 \\S+ ${note.replace(/[()]/g, '\\$&')}\n`));
  });

  it('should forward a route under /api/v1 the contract does not describe untouched, never refused by --errors', async () => {
    const before = proxy.stats.notJudged;
    const body = JSON.stringify({ amount: 'not what any schema of the contract says' });
    const response = await fetch(`${proxy.baseUrl}/billing/invoices?draft=1`, { method: 'POST', headers: json, body });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'inv_1' });
    expect(response.headers.get('x-flowyte-violations')).toBeNull();
    expect(target.seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/billing/invoices?draft=1', body });
    expect(proxy.stats.notJudged).toBe(before + 1);
    expect(proxy.log()).toMatch(/POST \/api\/v1\/billing\/invoices 201 \S+ not judged \(not in the contract\)\n/);
  });

  it('should forward a method the contract gives a known path no operation for', async () => {
    const response = await fetch(`${proxy.baseUrl}/integrations/catalog`, { method: 'PATCH', headers: json, body: '{}' });
    expect(response.status).toBe(201);
    await response.text();
    expect(target.seen.at(-1)).toMatchObject({ method: 'PATCH', url: '/api/v1/integrations/catalog' });
    expect(response.headers.get('x-flowyte-violations')).toBeNull();
    expect(proxy.violationLines()).toEqual([]);
  });
});
