import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';

describe('discovery, schema and objects', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  it('should answer 404 for schema and objects before discovery, and for discover before connect', () => {
    expect(mock.call('POST', '/api/v1/integrations/postgres/discover').status).toBe(404);
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    expect(mock.call('GET', '/api/v1/integrations/postgres/schema').body.code).toBe('schema_not_discovered');
    expect(mock.call('GET', '/api/v1/integrations/postgres/objects').status).toBe(404);
  });

  it('should summarise what discovery found, with counts that match the schema', () => {
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    const summary = mock.call('POST', '/api/v1/integrations/postgres/discover').body.data;
    const schema = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data;
    expect(summary.objectCount).toBe(schema.objects.length);
    expect(summary.fieldCount).toBe(schema.objects.reduce((n: number, o: { fields: unknown[] }) => n + o.fields.length, 0));
    expect(summary.edgeCount).toBe(schema.objects.reduce((n: number, o: { relationships: unknown[] }) => n + o.relationships.length, 0));
  });

  it('should ship a realistic application database with PII columns', () => {
    connectAndDiscoverPostgres(mock);
    const schema = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data;
    const customers = schema.objects.find((o: { name: string }) => o.name === 'customers');
    const pii = Object.fromEntries(customers.fields.map((f: { name: string; piiClass: string | null }) => [f.name, f.piiClass]));
    expect(pii).toMatchObject({ email: 'email', phone: 'phone', date_of_birth: 'date_of_birth' });
    expect(schema.operations.map((op: { name: string }) => op.name)).toContain('search_customers');
  });

  it.each([
    ['shopify', { credentials: { apiKey: 'k' } }, ['customers', 'orders', 'products']],
  ])('should discover %s objects', (kind, body, objects) => {
    mock.call('POST', `/api/v1/integrations/${kind}/connect`, { body });
    mock.call('POST', `/api/v1/integrations/${kind}/discover`);
    const names = mock.call('GET', `/api/v1/integrations/${kind}/objects`).body.data.map((o: { name: string }) => o.name);
    expect(names).toEqual(objects);
  });

  it('should refresh the schema when discovery runs again', () => {
    connectAndDiscoverPostgres(mock);
    const first = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data.discoveredAt;
    const again = mock.call('POST', '/api/v1/integrations/postgres/discover');
    expect(again.status).toBe(200);
    expect(mock.call('GET', '/api/v1/integrations/postgres/schema').body.data.discoveredAt >= first).toBe(true);
    expect((mock.call('GET', '/api/v1/integrations').body.data[0].discoveredAt)).toBe(again.body.data.discoveredAt);
  });

  it('should page through every object exactly once by following nextCursor', () => {
    connectAndDiscoverPostgres(mock);
    const seen: string[] = [];
    let url = '/api/v1/integrations/postgres/objects?limit=4';
    for (let pages = 0; pages < 10; pages++) {
      const page = mock.call('GET', url).body;
      seen.push(...page.data.map((o: { name: string }) => o.name));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      if (!page.hasMore) break;
      url = `/api/v1/integrations/postgres/objects?limit=4&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['appointments', 'customers', 'payments', 'requests', 'services', 'staff']);
  });

  it('should filter objects with q, case-insensitively', () => {
    connectAndDiscoverPostgres(mock);
    const names = mock.call('GET', '/api/v1/integrations/postgres/objects?q=CUST').body.data.map((o: { name: string }) => o.name);
    expect(names).toEqual(['customers']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('should refuse %s naming %s', (query, field) => {
    connectAndDiscoverPostgres(mock);
    const reply = mock.call('GET', `/api/v1/integrations/postgres/objects?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  });

  it('should keep each org\'s discovery to itself', () => {
    connectAndDiscoverPostgres(mock);
    expect(mock.call('GET', '/api/v1/integrations/postgres/schema', { key: KEYS.globexAdmin }).status).toBe(404);
  });
});
