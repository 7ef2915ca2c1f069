import { describe, expect, it } from 'vitest';
import { createFetchHandler, createMockCore, NetworkDropError, type MockCore } from '../../src/index.js';
import { ADMIN, checkFlow } from './flow.js';

const API = 'http://localhost:4010/api/v1';

/** A core whose every answer carries the simulation fields the conditions set (Prefer, --delay, --faults). */
function simulating(core: MockCore, fields: { delayMs?: number; drop?: boolean }): MockCore {
  return { ...core, handle: (request) => ({ ...core.handle(request), ...fields }) };
}

describe('createFetchHandler', () => {
  it('should serve connect shopify → list → provision with the contract\'s answers', async () => {
    await checkFlow(createFetchHandler(), API);
  });

  it('should keep its state per handler, and share a core it is given', async () => {
    const core = createMockCore();
    await checkFlow(createFetchHandler({ core }), API);
    expect(core.store.connectionsOf('acme').get('shopify')?.status).toBe('connected');
    const fresh = await createFetchHandler()(new Request(`${API}/integrations`, { headers: ADMIN }));
    expect(((await fresh.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('should answer the conditions a request asks for (Prefer), as the served mock does, changing nothing', async () => {
    const handle = createFetchHandler();
    const started = performance.now();
    const limited = await handle(new Request(`${API}/integrations`, { headers: { ...ADMIN, prefer: 'code=429, delay=120' } }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    const forced = await handle(new Request(`${API}/integrations/shopify/connect`, { method: 'POST', headers: { ...ADMIN, prefer: 'example=connected' } }));
    expect(await forced.json()).toEqual({ success: true, data: { status: 'connected' } });
    const listed = await handle(new Request(`${API}/integrations`, { headers: ADMIN }));
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('should drop connections at the fault rate it is given, repeatably with a seed', async () => {
    const outcomes = async () => {
      const handle = createFetchHandler({ faultRate: 0.5, seed: 7 });
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        seen.push(await handle(new Request(`${API}/integrations`, { headers: ADMIN })).then((r) => String(r.status), (error) => (error instanceof NetworkDropError ? 'dropped' : 'other')));
      }
      return seen;
    };
    const first = await outcomes();
    expect(first.filter((outcome) => outcome !== '200').length).toBeGreaterThan(0);
    expect(first).not.toContain('other');
    expect(await outcomes()).toEqual(first);
  });

  it('should point the OAuth consent link at the origin the app called', async () => {
    const handle = createFetchHandler();
    const response = await handle(new Request('https://app.example.test:8443/api/v1/integrations/google_calendar/connect', { method: 'POST', headers: ADMIN }));
    const { data } = (await response.json()) as { data: { oauthUrl: string } };
    expect(data.oauthUrl).toMatch(/^http:\/\/app\.example\.test:8443\/__mock\/oauth\/consent\?state=[0-9a-f]{32}$/);
  });

  it('should answer problem+json for a bad request, and HEAD and 204 without a body', async () => {
    const handle = createFetchHandler();
    const refused = await handle(new Request(`${API}/integrations?limit=0`, { headers: ADMIN }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const head = await handle(new Request(`${API}/integrations`, { method: 'HEAD', headers: ADMIN }));
    expect([head.status, await head.text()]).toEqual([200, '']);
    const preflight = await handle(new Request(`${API}/integrations`, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'GET' } }));
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
  });

  it('should wait an answer\'s delayMs before answering', async () => {
    const handle = createFetchHandler({ core: simulating(createMockCore(), { delayMs: 120 }) });
    const started = performance.now();
    const response = await handle(new Request(`${API}/integrations`, { headers: ADMIN }));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('should reject a dropped answer as fetch rejects a network error, with a TypeError', async () => {
    const handle = createFetchHandler({ core: simulating(createMockCore(), { drop: true }) });
    const failed = handle(new Request(`${API}/integrations`, { headers: ADMIN }));
    await expect(failed).rejects.toBeInstanceOf(TypeError);
    await expect(failed).rejects.toBeInstanceOf(NetworkDropError);
  });

  it('should reject with the abort reason when the request is aborted during a delay', async () => {
    const handle = createFetchHandler({ core: simulating(createMockCore(), { delayMs: 10_000 }) });
    const controller = new AbortController();
    const pending = handle(new Request(`${API}/integrations`, { headers: ADMIN, signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('should answer a failure of the core as the served mock does: 500 problem+json, no stack trace', async () => {
    const core = createMockCore();
    const handle = createFetchHandler({
      core: {
        ...core,
        handle: () => {
          throw new Error('boom at secret.ts:1');
        },
      },
    });
    const response = await handle(new Request(`${API}/integrations`, { headers: ADMIN }));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('boom');
  });
});
