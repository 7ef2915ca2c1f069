import { beforeEach, describe, expect, it } from 'vitest';
import { createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';

const connect = (mock: TestMock, kind: string, body?: unknown, key: string = KEYS.acmeAdmin) =>
  mock.call('POST', `/api/v1/integrations/${kind}/connect`, { key, body });

const listed = (mock: TestMock, key: string = KEYS.acmeAdmin) =>
  mock.call('GET', '/api/v1/integrations', { key }).body.data as Array<{ kind: string; status: string }>;

describe('connect', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  it.each(['google_calendar', 'google_sheets'])('should answer %s with only an absolute oauthUrl on the mock and a pending connection', (kind) => {
    const reply = connect(mock, kind);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.data)).toEqual(['oauthUrl']);
    expect(reply.body.data.oauthUrl).toMatch(/^http:\/\/mock\.test\/__mock\/oauth\/consent\?state=[0-9a-f]{32}$/);
    expect(listed(mock)).toEqual([expect.objectContaining({ kind, status: 'pending', authType: 'oauth2' })]);
  });

  it('should ignore credentials sent to an oauth2 provider, as the seed says', () => {
    expect(connect(mock, 'google_calendar', { credentials: { apiKey: 'ignored' } }).body.data).toHaveProperty('oauthUrl');
  });

  it('should connect shopify with an apiKey and answer only status: connected', () => {
    const reply = connect(mock, 'shopify', { credentials: { apiKey: 'shpat_1' } });
    expect(reply.body).toEqual({ success: true, data: { status: 'connected' } });
    expect(listed(mock)).toEqual([expect.objectContaining({ kind: 'shopify', status: 'connected', authType: 'api_key' })]);
  });

  it('should refuse shopify without credentials.apiKey, naming the field', () => {
    expect(connect(mock, 'shopify').body.errors).toEqual([{ field: 'credentials', message: 'is required' }]);
    expect(connect(mock, 'shopify', { credentials: {} }).body.errors).toEqual([{ field: 'credentials.apiKey', message: 'is required' }]);
    expect(connect(mock, 'shopify', { credentials: { apiKey: '' } }).body.errors[0].field).toBe('credentials.apiKey');
    expect(listed(mock)).toEqual([]);
  });

  it.each(['postgres', 'mysql'])('should connect %s with a full descriptor', (kind) => {
    expect(connect(mock, kind, { credentials: POSTGRES_CREDENTIALS }).body.data).toEqual({ status: 'connected' });
    expect(listed(mock)[0]).toMatchObject({ kind, status: 'connected', authType: 'sql' });
  });

  it.each([
    ['a missing host', { host: undefined }, 'credentials.host'],
    ['a missing password', { password: undefined }, 'credentials.password'],
    ['a numeric port', { port: 5432 }, 'credentials.port'],
    ['a port out of range', { port: '70000' }, 'credentials.port'],
    ['sslmode disable', { sslmode: 'disable' }, 'credentials.sslmode'],
    ['an unknown sslmode', { sslmode: 'prefer' }, 'credentials.sslmode'],
    ['an unknown field', { passwd: 'x' }, 'credentials.passwd'],
  ])('should refuse postgres with %s, naming %s, and store nothing', (_, change, field) => {
    const reply = connect(mock, 'postgres', { credentials: { ...POSTGRES_CREDENTIALS, ...change } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'validation_error', status: 400 });
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(listed(mock)).toEqual([]);
  });

  it('should name every invalid descriptor field at once', () => {
    const reply = connect(mock, 'postgres', { credentials: { host: 'db', port: 5432, sslmode: 'disable' } });
    expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['credentials.database', 'credentials.password', 'credentials.port', 'credentials.sslmode', 'credentials.user'],
    );
  });

  it.each(['calendly', 'hubspot', 'square', 'opentable'])('should refuse the reserved provider %s with a 4xx problem and no connection', (kind) => {
    const reply = connect(mock, kind, { credentials: { apiKey: 'k' } });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('provider_not_available');
    expect(listed(mock)).toEqual([]);
  });

  it('should list the catalog of live providers only, with connected for the caller org alone', () => {
    connect(mock, 'shopify', { credentials: { apiKey: 'k' } });
    const catalog = mock.call('GET', '/api/v1/integrations/catalog').body.data as Array<{ kind: string; connected: boolean }>;
    expect(catalog.map((entry) => entry.kind).sort()).toEqual(['google_calendar', 'google_sheets', 'mysql', 'postgres', 'shopify']);
    expect(catalog.find((entry) => entry.kind === 'shopify')?.connected).toBe(true);
    const globex = mock.call('GET', '/api/v1/integrations/catalog', { key: KEYS.globexAdmin }).body.data as typeof catalog;
    expect(globex.every((entry) => !entry.connected)).toBe(true);
  });

  it('should disconnect, removing the connection, its schema and its scoping', () => {
    connect(mock, 'postgres', { credentials: POSTGRES_CREDENTIALS });
    mock.call('POST', '/api/v1/integrations/postgres/discover');
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['payments'] } });
    expect(mock.call('DELETE', '/api/v1/integrations/postgres').body).toEqual({ success: true, data: null });
    expect(listed(mock)).toEqual([]);
    for (const path of ['schema', 'objects', 'scoping']) expect(mock.call('GET', `/api/v1/integrations/postgres/${path}`).status).toBe(404);
    expect(mock.call('DELETE', '/api/v1/integrations/postgres').status).toBe(404);
    connect(mock, 'postgres', { credentials: POSTGRES_CREDENTIALS });
    expect(mock.call('GET', '/api/v1/integrations/postgres/scoping').body.data).toEqual({ blockedTables: [], blockedColumns: {} });
  });
});
