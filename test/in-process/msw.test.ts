import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockCore, type MockCore } from '../../src/index.js';
import { createMswHandlers } from '../../src/msw.js';
import { ADMIN, checkFlow } from './flow.js';

// msw's setupServer patches this process's fetch: every test here talks to the mock through the real global fetch.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('createMswHandlers', () => {
  it('should serve connect shopify → list → provision on any origin by default', async () => {
    server.use(...createMswHandlers());
    await checkFlow((request) => fetch(request), 'http://localhost:4010/api/v1');
    // The same mock answers another origin: the state is one, whichever host the app calls.
    const listed = await fetch('https://api.example.test/api/v1/integrations', { headers: ADMIN });
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('should answer only the base URLs it is given, with the mock\'s own routes at their origin', async () => {
    const core = createMockCore();
    server.use(...createMswHandlers({ core, baseUrl: 'http://localhost:4010/api/v1' }), http.all('*', () => HttpResponse.text('not the mock', { status: 599 })));
    await checkFlow((request) => fetch(request), 'http://localhost:4010/api/v1');
    expect((await fetch('http://127.0.0.1:9/api/v1/integrations', { headers: ADMIN })).status).toBe(599);
    const reset = await fetch('http://localhost:4010/__mock/reset', { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(core.store.connectionsOf('acme').size).toBe(0);
  });

  it('should refuse a base URL that does not end with the API\'s base path', () => {
    expect(() => createMswHandlers({ baseUrl: 'http://localhost:4010/v2' })).toThrow(/base path \/api\/v1/);
  });

  it('should make a dropped answer MSW\'s network error, so that fetch rejects', async () => {
    const core = createMockCore();
    const dropping: MockCore = { ...core, handle: (request) => ({ ...core.handle(request), drop: true }) };
    server.use(...createMswHandlers({ core: dropping }));
    await expect(fetch('http://localhost:4010/api/v1/integrations', { headers: ADMIN })).rejects.toBeInstanceOf(TypeError);
  });
});
