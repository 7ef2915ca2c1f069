import { describe, expect, it } from 'vitest';
import { parseOAuthReturnFlag, returnAddressFault } from '../../src/mock/control/oauth-return.js';
import { ToolError } from '../../src/tool-errors.js';
import { createTestMock, type TestMock } from '../support/test-mock.js';
import { startOAuth } from './connections.js';

const APP = 'http://localhost:5173/settings/integrations?tab=calendar';

function decide(mock: TestMock, form: Record<string, string>) {
  return mock.call('POST', '/__mock/oauth/consent', {
    key: null,
    raw: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const statusOf = (mock: TestMock) =>
  (mock.call('GET', '/api/v1/integrations').body.data as Array<{ kind: string; status: string }>).find((c) => c.kind === 'google_calendar')?.status;

describe('OAuth that returns to the app', () => {
  it('should carry the app\'s redirect_uri from the consent URL into the page\'s form', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const page = mock.call('GET', `/__mock/oauth/consent?state=${state}&redirect_uri=${encodeURIComponent(APP)}`, { key: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<input type="hidden" name="redirect_uri" value="${APP.replace('&', '&amp;')}">`);
    expect(page.text).toContain('you return to http://localhost:5173.');
  });

  it('should send the browser back with 303 after Approve, the outcome added to the address\'s own query', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const reply = decide(mock, { state, decision: 'approve', redirect_uri: APP });
    expect(reply.status).toBe(303);
    const location = new URL(reply.headers.location!);
    expect(location.origin + location.pathname).toBe('http://localhost:5173/settings/integrations');
    expect(Object.fromEntries(location.searchParams)).toEqual({ tab: 'calendar', status: 'connected', kind: 'google_calendar' });
    expect(statusOf(mock)).toBe('connected');
  });

  it('should send the browser back with status=denied after Deny', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const reply = decide(mock, { state, decision: 'deny', redirect_uri: 'http://localhost:5173/cb' });
    expect(reply.headers.location).toBe('http://localhost:5173/cb?status=denied&kind=google_calendar');
    expect(statusOf(mock)).toBeUndefined();
  });

  it('should return to the mock-wide address when the consent URL names none', async () => {
    const mock = await createTestMock({ oauthReturn: 'https://app.example/cb' });
    const state = startOAuth(mock, 'google_sheets');
    expect(mock.call('GET', `/__mock/oauth/consent?state=${state}`, { key: null }).text).toContain('you return to https://app.example.');
    expect(decide(mock, { state, decision: 'approve' }).headers.location).toBe('https://app.example/cb?status=connected&kind=google_sheets');
  });

  it('should let the consent URL\'s redirect_uri win over the mock-wide address', async () => {
    const mock = await createTestMock({ oauthReturn: 'https://app.example/cb' });
    const state = startOAuth(mock, 'google_calendar');
    expect(decide(mock, { state, decision: 'approve', redirect_uri: 'http://localhost:3000/' }).headers.location).toMatch(/^http:\/\/localhost:3000\/\?/);
  });

  it('should answer a popup with a page that posts the outcome to the return address\'s origin only, and closes', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const reply = decide(mock, { state, decision: 'approve', redirect_uri: APP, popup: '1' });
    expect(reply.status).toBe(200);
    expect(reply.headers.location).toBeUndefined();
    expect(reply.text).toContain('data-status="connected" data-kind="google_calendar" data-target="http://localhost:5173"');
    expect(reply.text).toContain("window.opener.postMessage({ type: 'flowyte-oauth', status: outcome.status, kind: outcome.kind }, outcome.target)");
    expect(reply.text).toContain('window.close()');
    expect(statusOf(mock)).toBe('connected');
  });

  it('should post a popup\'s outcome to any origin when there is no return address: it carries no secret', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    expect(decide(mock, { state, decision: 'deny', popup: '1' }).text).toContain('data-status="denied" data-kind="google_calendar" data-target="*"');
  });

  it('should keep today\'s page when there is no return address and no popup', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const page = mock.call('GET', `/__mock/oauth/consent?state=${state}`, { key: null });
    expect(page.text).not.toContain('name="redirect_uri"');
    const reply = decide(mock, { state, decision: 'approve' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('You can close this window.');
    expect(reply.text).not.toContain('postMessage');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example/', '/relative', 'http://user:pw@app.example/'])(
    'should refuse the return address %s with 400, on the page and on the decision, keeping the state usable',
    async (address) => {
      const mock = await createTestMock();
      const state = startOAuth(mock, 'google_calendar');
      const page = mock.call('GET', `/__mock/oauth/consent?state=${state}&redirect_uri=${encodeURIComponent(address)}`, { key: null });
      expect(page.status).toBe(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('redirect_uri');
      expect(page.text).not.toContain('<b>');
      const reply = decide(mock, { state, decision: 'approve', redirect_uri: address });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: 'validation_error', errors: [{ field: 'redirect_uri' }] });
      expect(decide(mock, { state, decision: 'approve' }).status).toBe(200);
    },
  );

  it('should escape a return address everywhere it is written into a page', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const hostile = 'http://localhost:5173/?x="><script>alert(1)</script>';
    const page = mock.call('GET', `/__mock/oauth/consent?state=${state}&redirect_uri=${encodeURIComponent(hostile)}`, { key: null });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('value="http://localhost:5173/?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const popup = decide(mock, { state, decision: 'approve', redirect_uri: hostile, popup: '1' });
    expect(popup.text).not.toContain('<script>alert');
  });

  it('should check the mock-wide address at start', async () => {
    await expect(createTestMock({ oauthReturn: 'javascript:alert(1)' })).rejects.toThrow(ToolError);
    expect(() => parseOAuthReturnFlag('localhost:5173')).toThrow(/--oauth-return\) must be an http or https URL/);
    expect(parseOAuthReturnFlag('http://localhost:5173/cb')).toBe('http://localhost:5173/cb');
    expect(returnAddressFault(`http://x.example/${'a'.repeat(3000)}`)).toMatch(/longer than/);
  });
});
