import { beforeEach, describe, expect, it } from 'vitest';
import { createTestMock, type TestMock } from '../support/test-mock.js';

function startOAuth(mock: TestMock, kind = 'google_calendar'): string {
  const url = new URL(mock.call('POST', `/api/v1/integrations/${kind}/connect`).body.data.oauthUrl);
  return url.searchParams.get('state')!;
}

const decide = (mock: TestMock, state: string, decision: string) =>
  mock.call('POST', '/__mock/oauth/consent', {
    key: null,
    raw: `state=${state}&decision=${decision}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

const statusOf = (mock: TestMock, kind = 'google_calendar') =>
  (mock.call('GET', '/api/v1/integrations').body.data as Array<{ kind: string; status: string }>).find((c) => c.kind === kind)?.status;

describe('the OAuth consent page', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  it('should show Approve and Deny for a pending authorization', () => {
    const state = startOAuth(mock);
    const page = mock.call('GET', `/__mock/oauth/consent?state=${state}`, { key: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('value="approve"');
    expect(page.text).toContain('value="deny"');
    expect(page.text).toContain('Acme Corp');
  });

  it('should turn the pending connection into connected on Approve', () => {
    const state = startOAuth(mock);
    expect(decide(mock, state, 'approve').status).toBe(200);
    expect(statusOf(mock)).toBe('connected');
    const catalog = mock.call('GET', '/api/v1/integrations/catalog').body.data as Array<{ kind: string; connected: boolean }>;
    expect(catalog.find((e) => e.kind === 'google_calendar')?.connected).toBe(true);
  });

  it('should leave the kind unconnected on Deny', () => {
    const state = startOAuth(mock);
    expect(decide(mock, state, 'deny').status).toBe(200);
    expect(statusOf(mock)).toBeUndefined();
  });

  it('should keep an already connected provider connected when a re-authorization is denied', () => {
    decide(mock, startOAuth(mock), 'approve');
    decide(mock, startOAuth(mock), 'deny');
    expect(statusOf(mock)).toBe('connected');
  });

  it('should accept a state only once and refuse unknown ones', () => {
    const state = startOAuth(mock);
    decide(mock, state, 'approve');
    expect(decide(mock, state, 'approve').status).toBe(404);
    expect(mock.call('GET', '/__mock/oauth/consent?state=nope', { key: null }).status).toBe(404);
  });

  it('should refuse a decision other than approve or deny, keeping the state usable', () => {
    const state = startOAuth(mock);
    expect(decide(mock, state, 'maybe').status).toBe(400);
    expect(decide(mock, state, 'approve').status).toBe(200);
  });

  it('should refuse discovery while the connection is pending', () => {
    startOAuth(mock);
    expect(mock.call('POST', '/api/v1/integrations/google_calendar/discover').status).toBe(409);
  });
});
