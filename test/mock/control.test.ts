import { describe, expect, it } from 'vitest';
import { createTestMock, KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';

describe('mock control', () => {
  it('should restore the built-in state on POST /__mock/reset', async () => {
    const mock = await createTestMock();
    const pristine = mock.call('GET', '/__mock/state', { key: null }).body;
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    expect(mock.call('GET', '/__mock/state', { key: null }).body).not.toEqual(pristine);
    expect(mock.call('POST', '/__mock/reset', { key: null }).status).toBe(200);
    expect(mock.call('GET', '/__mock/state', { key: null }).body).toEqual(pristine);
    expect(mock.call('GET', '/api/v1/integrations').body.data).toEqual([]);
  });

  it('should show the state with keys and credentials redacted', async () => {
    const mock = await createTestMock();
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    const state = mock.call('GET', '/__mock/state', { key: null });
    expect(state.text).not.toContain(KEYS.acmeAdmin);
    expect(state.text).not.toContain(POSTGRES_CREDENTIALS.password);
    expect(state.body.data.keys[0].token).toBe('flowyte_sk_…dmin');
    expect(state.body.data.connections.acme[0].credentials.fields).toEqual(['database', 'host', 'password', 'port', 'sslmode', 'user']);
  });

  it('should answer an unknown control route with a 404 problem', async () => {
    const mock = await createTestMock();
    expect(mock.call('GET', '/__mock/nope', { key: null }).status).toBe(404);
  });
});
