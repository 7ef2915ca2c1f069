import { describe, expect, it } from 'vitest';
import { createTestMock } from '../support/test-mock.js';
import { connectOAuth } from './connections.js';

describe('the store change signal (Store.onChange)', () => {
  it('should fire after each request that may have changed the state and succeeded, and only then', async () => {
    const mock = await createTestMock();
    let changes = 0;
    const stop = mock.store.onChange(() => changes++);
    mock.call('GET', '/api/v1/integrations');
    mock.call('GET', '/__mock/state', { key: null });
    mock.call('OPTIONS', '/api/v1/integrations', { headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' } });
    mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: {} } }); // 400
    mock.call('POST', '/api/v1/integrations/postgres/discover'); // 404
    expect(changes).toBe(0);
    mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey: 'shpat_x' } } });
    expect(changes).toBe(1);
    connectOAuth(mock, 'google_calendar'); // the connect, and the consent page's decision
    expect(changes).toBe(3);
    mock.call('PATCH', '/api/v1/integrations/shopify/scoping', { body: { blockedTables: ['orders'] } });
    mock.call('DELETE', '/api/v1/integrations/shopify');
    mock.call('POST', '/__mock/reset', { key: null });
    mock.call('PUT', '/__mock/state', { key: null, body: mock.call('GET', '/__mock/state', { key: null }).body });
    expect(changes).toBe(7);
    stop();
    mock.call('POST', '/__mock/reset', { key: null });
    expect(changes).toBe(7);
  });
});
