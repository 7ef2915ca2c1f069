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

  it('should answer a wrong method on a control route with 405 and Allow', async () => {
    const mock = await createTestMock();
    const reply = mock.call('GET', '/__mock/reset', { key: null });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
  });

  it('should name a key without a name by its place, never by its token', async () => {
    const mock = await createTestMock({ data: { orgs: [{ id: 'o', name: 'O' }], agents: [], keys: [{ token: 'flowyte_sk_live_very_secret_token_1234', org: 'o', scopes: [] }] } });
    const state = mock.call('GET', '/__mock/state', { key: null });
    expect(state.text).not.toContain('very_secret');
    expect(state.body.data.keys[0]).toMatchObject({ name: 'key_1', token: 'flowyte_sk_…1234' });
  });

  it('should keep one consent link per org and kind: a new connect replaces the earlier one', async () => {
    const mock = await createTestMock();
    for (let i = 0; i < 5; i++) mock.call('POST', '/api/v1/integrations/google_calendar/connect');
    expect(mock.store.consents.size).toBe(1);
  });
});
