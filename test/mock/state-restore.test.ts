import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';
import { connectOAuth, connectShopify, fieldsOf, startOAuth } from './connections.js';
import { pathsOf, setAt } from './snapshot-paths.js';

const state = (mock: TestMock) => mock.call('GET', '/__mock/state', { key: null });
const put = (mock: TestMock, body: unknown, headers: Record<string, string> = {}) =>
  mock.call('PUT', '/__mock/state', { key: null, raw: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

/** Everything a client of the API can see of acme: lists, scoping, schema and objects, and what re-provisioning answers. */
function apiView(mock: TestMock) {
  const get = (url: string) => mock.call('GET', url).body;
  return {
    connections: get('/api/v1/integrations?limit=100'),
    catalog: get('/api/v1/integrations/catalog?limit=100'),
    scoping: get('/api/v1/integrations/postgres/scoping'),
    schema: get('/api/v1/integrations/postgres/schema'),
    objects: get('/api/v1/integrations/postgres/objects?limit=100'),
    shopifySchema: get('/api/v1/integrations/shopify/schema'),
    calendar: get('/api/v1/integrations/google_calendar/scoping'),
    provisioned: mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/provision', { body: { actions: ['lookup_order'] } }).body,
  };
}

/** A state with something of everything: connections of each auth type, scoping, a disconnect, skills of each sort. */
function buildThroughTheApi(mock: TestMock): void {
  connectAndDiscoverPostgres(mock);
  connectShopify(mock);
  connectOAuth(mock, 'google_calendar');
  startOAuth(mock, 'google_sheets'); // left pending
  const bind = (body: unknown) => expect(mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/postgres/bindings', { body }).status).toBe(201);
  bind({ toolName: 'find_customer', operation: 'search_customers', sqlSearch: { column: 'phone', param: 'phone' }, projection: [{ path: ['email'], leaf: 'email' }], enabled: true });
  bind({ toolName: 'rename_service', operation: 'update_services', isWrite: true, keyColumn: 'name', keyParam: 'current', inputObjectMap: [{ field: 'name', param: 'name' }] });
  expect(mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/provision', { body: { actions: ['lookup_order'] } }).status).toBe(200);
  expect(mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/google_calendar/pack/install').status).toBe(200);
  // Scoping set after a binding does not remove it; a snapshot holding both must be taken back.
  mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['payments'], blockedColumns: { customers: ['email'] } } });
  connectAndDiscoverPostgres(mock, KEYS.globexAdmin);
  connectOAuth(mock, 'google_sheets', KEYS.globexAdmin);
  mock.call('POST', '/api/v1/agents/agt_globex_demo/integrations/google_sheets/provision');
  mock.call('DELETE', '/api/v1/integrations/google_sheets', { key: KEYS.globexAdmin }); // its skills stay
}

describe('PUT /__mock/state', () => {
  it('should take back what GET answered: after a reset, the API answers as before', async () => {
    const mock = await createTestMock();
    buildThroughTheApi(mock);
    const snapshot = state(mock).body;
    const before = apiView(mock);
    mock.call('POST', '/__mock/reset', { key: null });
    expect(apiView(mock)).not.toEqual(before);

    const restored = put(mock, snapshot);
    expect(restored.status).toBe(200);
    // All of it, but the consent link google_sheets waited on: a link is never restored.
    const expected = { success: true, data: { ...snapshot.data, pendingAuthorizations: 0 } };
    expect(snapshot.data.pendingAuthorizations).toBe(1);
    expect(restored.body).toEqual(expected);
    expect(apiView(mock)).toEqual(before);
    expect(state(mock).body).toEqual(expected);
  });

  it('should take the bare state as well as the envelope, and answer the state as GET does', async () => {
    const mock = await createTestMock();
    connectShopify(mock);
    const { data } = state(mock).body;
    mock.call('POST', '/__mock/reset', { key: null });
    expect(put(mock, data).body).toEqual({ success: true, data });
  });

  it('should keep the current token of a key given redacted, and take a key given whole', async () => {
    const mock = await createTestMock();
    const { data } = state(mock).body;
    data.keys[1].scopes = ['integrations:read', 'skills:write'];
    data.keys.push({ name: 'acme_new', org: 'acme', scopes: ['integrations:read'], token: 'flowyte_sk_test_acme_new_key' });
    expect(put(mock, data).status).toBe(200);
    expect(mock.call('GET', '/api/v1/integrations').status).toBe(200);
    expect(mock.call('GET', '/api/v1/integrations', { key: 'flowyte_sk_test_acme_new_key' }).status).toBe(200);
    expect([...mock.store.keys.get(KEYS.acmeReader)!.scopes]).toEqual(['integrations:read', 'skills:write']);
    expect(state(mock).text).not.toContain('flowyte_sk_test_acme_new_key');
  });

  it('should refuse a redacted key that no current key of its name matches, naming it, and change nothing', async () => {
    const mock = await createTestMock();
    connectShopify(mock);
    const before = state(mock).body;
    const { data } = structuredClone(before);
    data.keys[0].name = 'renamed';
    data.connections.acme = [];
    const reply = put(mock, data);
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ code: 'validation_error', errors: [{ field: 'keys[0].token', message: expect.stringContaining('"renamed"') }] });
    expect(state(mock).body).toEqual(before);
  });

  it.each([
    ['a reserved kind', (d: any) => d.connections.acme.push({ kind: 'calendly' }), 'data.connections.acme[1].kind'],
    ['a pending api-key kind', (d: any) => (d.connections.acme[0].status = 'pending'), 'data.connections.acme[0].status'],
    ['a credential value', (d: any) => (d.connections.acme[0].credentials = { apiKey: 'shpat_never_echoed' }), 'data.connections.acme[0].credentials.apiKey'],
    ['an org nobody lists', (d: any) => (d.connections.umbrella = []), 'data.connections.umbrella'],
    ['a __proto__ org', (d: any) => Object.defineProperty(d.connections, '__proto__', { value: [], enumerable: true }), 'data.connections.__proto__'],
    ['a second shopify', (d: any) => d.connections.acme.push({ kind: 'shopify' }), 'data.connections.acme[1].kind'],
    ['a skill renamed', (d: any) => (d.skills.agt_acme_demo[0].name = 'mine'), 'data.skills.agt_acme_demo[0].name'],
    ['a skill of another agent', (d: any) => (d.skills.agt_acme_demo[0].agentId = 'agt_globex_demo'), 'data.skills.agt_acme_demo[0].agentId'],
    ['an unknown action', (d: any) => (d.skills.agt_acme_demo[0].executionConfig.action = 'sell_everything'), 'data.skills.agt_acme_demo[0].executionConfig.action'],
    ['a skill id twice', (d: any) => d.skills.agt_acme_demo.push({ ...d.skills.agt_acme_demo[0], name: 'x' }), 'data.skills.agt_acme_demo[1].id'],
    ['an unknown top-level field', (d: any) => (d.extra = true), 'data.extra'],
    ['a time that is not one', (d: any) => (d.connections.acme[0].createdAt = 'yesterday'), 'data.connections.acme[0].createdAt'],
  ])('should refuse %s with 400 naming the field, and change nothing', async (_what, spoil, field) => {
    const mock = await createTestMock();
    connectShopify(mock);
    mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/provision', { body: { actions: ['lookup_order'] } });
    const before = state(mock).body;
    const snapshot = structuredClone(before);
    spoil(snapshot.data);
    const reply = put(mock, snapshot);
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply)).toContain(field);
    expect(reply.text).not.toContain('shpat_never_echoed');
    expect(state(mock).body).toEqual(before);
  });

  it('should refuse a missing, non-JSON or malformed body, and any other method with 405 and Allow', async () => {
    const mock = await createTestMock();
    expect(mock.call('PUT', '/__mock/state', { key: null }).status).toBe(400);
    expect(mock.call('PUT', '/__mock/state', { key: null, raw: 'orgs: []', headers: { 'content-type': 'text/yaml' } }).status).toBe(415);
    expect(mock.call('PUT', '/__mock/state', { key: null, raw: '{"orgs":', headers: { 'content-type': 'application/json' } }).status).toBe(400);
    expect(put(mock, null).status).toBe(400);
    const wrong = mock.call('DELETE', '/__mock/state', { key: null });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, PUT');
  });

  it('should drop consent links: a pending connection asks for a new one', async () => {
    const mock = await createTestMock();
    const state1 = startOAuth(mock, 'google_calendar');
    expect(put(mock, state(mock).body).status).toBe(200);
    expect(mock.store.consents.size).toBe(0);
    expect(mock.call('GET', `/__mock/oauth/consent?state=${state1}`, { key: null }).status).toBe(404);
    expect(mock.call('GET', '/api/v1/integrations').body.data[0]).toMatchObject({ kind: 'google_calendar', status: 'pending' });
    startOAuth(mock, 'google_calendar');
    expect(mock.store.consents.size).toBe(1);
  });

  it('should never return a credential or a whole key, even in a refusal', async () => {
    const mock = await createTestMock();
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    const snapshot = state(mock).body;
    snapshot.data.keys[0].token = KEYS.acmeAdmin;
    snapshot.data.keys.push({ ...snapshot.data.keys[0], name: 'twin' });
    const reply = put(mock, snapshot);
    expect(fieldsOf(reply)).toEqual(['data.keys[4].token']);
    expect(reply.text).not.toContain(KEYS.acmeAdmin);
  });
});

describe('PUT /__mock/state, whatever it is sent', () => {
  it('should answer 200 or a 400 that changed nothing, never a crash, for any change to a valid snapshot', async () => {
    const mock = await createTestMock();
    buildThroughTheApi(mock);
    const valid = state(mock).body;
    const paths = pathsOf(valid);
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.jsonValue(), async (at, value) => {
        put(mock, valid);
        const before = state(mock).text;
        const spoilt = structuredClone(valid);
        setAt(spoilt, paths[at]!, value);
        const reply = put(mock, spoilt);
        expect([200, 400]).toContain(reply.status);
        if (reply.status === 400) expect(state(mock).text).toBe(before);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
