import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';
import { connectShopify, fieldsOf } from './connections.js';

const keyOf = (item: { kind?: string; slug?: string; name?: string }) => item.kind ?? item.slug ?? item.name;

describe('pagination', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  /** Every item of a list, following nextCursor `limit` at a time. */
  function walk(path: string, limit: number): string[] {
    const seen: string[] = [];
    let url = `${path}?limit=${limit}`;
    for (let pages = 0; pages < 50; pages++) {
      const page = mock.call('GET', url).body;
      expect(page.data.length).toBeLessThanOrEqual(limit);
      expect(page.hasMore).toBe(page.nextCursor !== null);
      seen.push(...page.data.map(keyOf));
      if (!page.hasMore) return seen;
      url = `${path}?limit=${limit}&cursor=${page.nextCursor}`;
    }
    throw new Error(`${path} never ended`);
  }

  it('should walk the catalog one at a time with no repeats and no gaps', () => {
    const whole = mock.call('GET', '/api/v1/integrations/catalog').body;
    expect(whole).toMatchObject({ success: true, nextCursor: null, hasMore: false });
    expect(whole.data).toHaveLength(5);
    expect(walk('/api/v1/integrations/catalog', 1)).toEqual(whole.data.map(keyOf));
    expect(walk('/api/v1/integrations/catalog', 2)).toEqual(whole.data.map(keyOf));
  });

  it('should walk connections and actions the same way, in a stable order', () => {
    connectShopify(mock);
    connectAndDiscoverPostgres(mock);
    mock.call('POST', '/api/v1/integrations/google_sheets/connect');
    const connections = walk('/api/v1/integrations', 1);
    expect(connections).toEqual(['google_sheets', 'postgres', 'shopify']);
    expect(walk('/api/v1/integrations', 1)).toEqual(connections);
    expect(walk('/api/v1/integrations/google_calendar/actions', 1)).toEqual(walk('/api/v1/integrations/google_calendar/actions', 100));
    expect(walk('/api/v1/integrations/postgres/objects', 1)).toEqual(['appointments', 'customers', 'payments', 'requests', 'services', 'staff']);
  });

  it('should neither repeat nor skip the other connections when one is removed between pages', () => {
    connectShopify(mock);
    connectAndDiscoverPostgres(mock);
    mock.call('POST', '/api/v1/integrations/mysql/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    const first = mock.call('GET', '/api/v1/integrations?limit=1').body;
    expect(first.data.map(keyOf)).toEqual(['mysql']);
    mock.call('DELETE', '/api/v1/integrations/mysql');
    const rest = mock.call('GET', `/api/v1/integrations?limit=5&cursor=${first.nextCursor}`).body;
    expect(rest.data.map(keyOf)).toEqual(['postgres', 'shopify']);
  });

  it.each([
    ['/api/v1/integrations/catalog'],
    ['/api/v1/integrations'],
    ['/api/v1/integrations/google_calendar/actions'],
    ['/api/v1/integrations/postgres/objects'],
  ])('should refuse a cursor %s never returned with 400 invalid_cursor naming cursor', (path) => {
    connectAndDiscoverPostgres(mock);
    for (const cursor of ['not-a-cursor', 'bzoy', 'Y2F0YWxvZwpzaG9waWZ5=', '%00']) {
      const reply = mock.call('GET', `${path}?cursor=${cursor}`);
      expect(reply.status, cursor).toBe(400);
      expect(reply.body.code).toBe('invalid_cursor');
      expect(reply.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
    }
  });

  it("should refuse one list's cursor on another list", () => {
    connectShopify(mock);
    connectAndDiscoverPostgres(mock);
    mock.call('POST', '/api/v1/integrations/mysql/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    mock.call('POST', '/api/v1/integrations/mysql/discover');
    const cursorOf = (path: string) => mock.call('GET', `${path}?limit=1`).body.nextCursor as string;
    const catalog = cursorOf('/api/v1/integrations/catalog');
    const objects = cursorOf('/api/v1/integrations/postgres/objects');
    const actions = cursorOf('/api/v1/integrations/google_calendar/actions');
    for (const [path, cursor] of [
      ['/api/v1/integrations', catalog],
      ['/api/v1/integrations/mysql/objects', objects],
      ['/api/v1/integrations/google_sheets/actions', actions],
      ['/api/v1/integrations/catalog', actions],
    ] as const) {
      expect(fieldsOf(mock.call('GET', `${path}?cursor=${cursor}`)), path).toEqual(['cursor']);
    }
    expect(mock.call('GET', `/api/v1/integrations/catalog?cursor=${catalog}`).status).toBe(200);
  });

  it('should refuse a well-formed cursor the mock never issued, and another organization\'s', () => {
    const issued = mock.call('GET', '/api/v1/integrations/catalog?limit=1').body.nextCursor as string;
    const [body, tag] = issued.split('.') as [string, string];
    // The same list and a key of it, spelt as the mock spells cursors, but with a tag it never made.
    const forged = `${Buffer.from('catalog\nshopify').toString('base64url')}.${tag}`;
    expect(fieldsOf(mock.call('GET', `/api/v1/integrations/catalog?cursor=${forged}`))).toEqual(['cursor']);
    expect(fieldsOf(mock.call('GET', `/api/v1/integrations/catalog?cursor=${body}`))).toEqual(['cursor']);
    connectShopify(mock);
    connectAndDiscoverPostgres(mock);
    const acme = mock.call('GET', '/api/v1/integrations?limit=1').body.nextCursor as string;
    expect(fieldsOf(mock.call('GET', `/api/v1/integrations?cursor=${acme}`, { key: KEYS.globexAdmin }))).toEqual(['cursor']);
    expect(mock.call('GET', `/api/v1/integrations?cursor=${acme}`).status).toBe(200);
  });

  it('should answer the envelope for an invalid cursor when the client prefers application/json', () => {
    const reply = mock.call('GET', '/api/v1/integrations/catalog?cursor=nope', { headers: { accept: 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ success: false, errors: [{ field: 'cursor' }] });
  });

  it.each(['limit=0', 'limit=101', 'limit=two'])('should refuse %s naming limit', (query) => {
    const reply = mock.call('GET', `/api/v1/integrations/catalog?${query}`, { key: KEYS.acmeReader });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply)).toEqual(['limit']);
  });
});
