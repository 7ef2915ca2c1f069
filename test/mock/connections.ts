import { expect } from 'vitest';
import { KEYS, type TestMock } from '../support/test-mock.js';

/** Connects shopify (an api_key kind) for the key's org. */
export function connectShopify(mock: TestMock, key: string = KEYS.acmeAdmin): void {
  expect(mock.call('POST', '/api/v1/integrations/shopify/connect', { key, body: { credentials: { apiKey: 'shpat_example' } } }).status).toBe(200);
}

/** Starts an OAuth connect and leaves it pending; returns the consent page's one-time state. */
export function startOAuth(mock: TestMock, kind: string, key: string = KEYS.acmeAdmin): string {
  const reply = mock.call('POST', `/api/v1/integrations/${kind}/connect`, { key });
  expect(reply.status).toBe(200);
  return new URL(reply.body.data.oauthUrl).searchParams.get('state')!;
}

/** Connects an OAuth kind by approving its consent page, as a user would. */
export function connectOAuth(mock: TestMock, kind: string, key: string = KEYS.acmeAdmin): void {
  const state = startOAuth(mock, kind, key);
  const decided = mock.call('POST', '/__mock/oauth/consent', {
    key: null,
    raw: `state=${state}&decision=approve`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(decided.status).toBe(200);
}

/** The fields an answer's `errors[]` names, in order. */
export const fieldsOf = (reply: { body: { errors?: Array<{ field: string }> } }) => (reply.body.errors ?? []).map((error) => error.field);
