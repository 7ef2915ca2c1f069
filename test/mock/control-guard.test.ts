import { describe, expect, it } from 'vitest';
import { parseAllowedOrigin } from '../../src/mock/control/control-guard.js';
import { createTestMock, KEYS, type TestMock } from '../support/test-mock.js';
import { startOAuth } from './connections.js';

const APP = 'http://localhost:5173';
// What Chromium sends with a fetch() from a page on another origin.
const CROSS_SITE_FETCH = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };
const NAVIGATION = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };

const stateOf = (mock: TestMock) => JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body);

describe('the control routes, kept for the developer', () => {
  it('should refuse a cross-site POST /__mock/reset (a simple request, no preflight) with 403 and leave the state alone', async () => {
    const mock = await createTestMock();
    mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey: 'shpat_1' } } });
    const before = stateOf(mock);
    const requests: Array<Record<string, string>> = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }, CROSS_SITE_FETCH];
    for (const headers of requests) {
      const reply = mock.call('POST', '/__mock/reset', { key: null, headers });
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.body).toMatchObject({ status: 403, code: 'cross_site_refused', instance: '/__mock/reset' });
      expect(reply.body.detail).toContain('--allow-origin');
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(stateOf(mock)).toBe(before);
  });

  it('should refuse a cross-site read of the state, and never answer it with Access-Control-Allow-Origin: *', async () => {
    const mock = await createTestMock();
    expect(mock.call('GET', '/__mock/state', { key: null, headers: CROSS_SITE_FETCH }).status).toBe(403);
    const own = mock.call('GET', '/__mock/state', { key: null, headers: { origin: 'http://mock.test', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expect(mock.call('GET', '/__mock/state', { key: null }).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should answer tools that are no browser (no Origin, no Sec-Fetch-*) as before', async () => {
    const mock = await createTestMock();
    expect(mock.call('POST', '/__mock/reset', { key: null }).status).toBe(200);
    expect(mock.call('GET', '/__mock/state', { key: null }).status).toBe(200);
  });

  it('should let an allowed origin in, echoing it (with Vary: Origin) and answering its preflight', async () => {
    const mock = await createTestMock({ allowOrigins: [APP] });
    const headers = { ...CROSS_SITE_FETCH, origin: APP };
    const reset = mock.call('POST', '/__mock/reset', { key: null, headers });
    expect(reset.status).toBe(200);
    expect(reset.headers).toMatchObject({ 'access-control-allow-origin': APP, vary: 'Origin' });
    const preflight = mock.call('OPTIONS', '/__mock/state', { key: null, headers: { ...headers, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': APP, 'access-control-allow-headers': 'content-type' });
    expect(preflight.headers['access-control-allow-methods']).toMatch(/PUT/);
    expect(mock.call('OPTIONS', '/__mock/state', { key: null, headers: { ...CROSS_SITE_FETCH, 'access-control-request-method': 'PUT' } }).status).toBe(403);
    expect(mock.call('POST', '/__mock/reset', { key: null, headers: CROSS_SITE_FETCH }).status).toBe(403);
  });

  it('should let every page in with allowOrigins *, still echoing the origin rather than *', async () => {
    const mock = await createTestMock({ allowOrigins: ['*'] });
    const reply = mock.call('GET', '/__mock/state', { key: null, headers: CROSS_SITE_FETCH });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe('http://evil.example');
  });

  it('should let the app send the user to the consent page (a top-level navigation), and the page post to itself', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    const page = mock.call('GET', `/__mock/oauth/consent?state=${state}`, { key: null, headers: NAVIGATION });
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" });
    const decided = mock.call('POST', '/__mock/oauth/consent', {
      key: null,
      raw: `state=${state}&decision=approve`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://mock.test', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' },
    });
    expect(decided.status).toBe(200);
  });

  it('should refuse the consent page in another site\'s frame, and a cross-site form posting a decision', async () => {
    const mock = await createTestMock();
    const state = startOAuth(mock, 'google_calendar');
    expect(mock.call('GET', `/__mock/oauth/consent?state=${state}`, { key: null, headers: { ...NAVIGATION, 'sec-fetch-dest': 'iframe' } }).status).toBe(403);
    const forged = mock.call('POST', '/__mock/oauth/consent', {
      key: null,
      raw: `state=${state}&decision=approve`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example', ...NAVIGATION },
    });
    expect(forged.status).toBe(403);
    expect(mock.store.consents.has(state)).toBe(true);
  });

  it('should keep CORS on the API itself open to every origin', async () => {
    const mock = await createTestMock();
    const reply = mock.call('GET', '/api/v1/integrations', { key: KEYS.acmeAdmin, headers: CROSS_SITE_FETCH });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
  });

  it('should read --allow-origin values as origins, refusing anything else with a clear message', () => {
    expect(parseAllowedOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(parseAllowedOrigin('HTTPS://App.Example/')).toBe('https://app.example');
    expect(parseAllowedOrigin('*')).toBe('*');
    for (const bad of ['localhost:5173', 'http://x/path', 'ftp://x', 'http://u:p@x', '', 'http://x?q']) {
      expect(() => parseAllowedOrigin(bad), bad).toThrow(/--allow-origin must be an origin/);
    }
  });
});
