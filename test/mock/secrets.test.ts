import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serveMock } from '../support/served-mock.js';
import { createTestMock, KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';

// Secrets long and odd enough that they cannot occur in a response by chance.
const secret = fc.string({ minLength: 12, maxLength: 40, unit: 'grapheme-ascii' }).map((s) => `sec_${s}`);

describe('secret non-disclosure', () => {
  it('should never return a submitted credential in any later response, error bodies and headers included', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, fc.constantFrom('verify-full', 'disable'), async (apiKey, password, sslmode) => {
        const mock = await createTestMock();
        const texts: string[] = [];
        const record = (reply: { text: string; headers: Record<string, string> }) => texts.push(reply.text, JSON.stringify(reply.headers));
        record(mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey } } }));
        record(mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: { ...POSTGRES_CREDENTIALS, password, sslmode } } }));
        record(mock.call('POST', '/api/v1/integrations/postgres/sql/test', { body: { credentials: { ...POSTGRES_CREDENTIALS, password } } }));
        record(mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey: 5, other: apiKey } } }));
        for (const url of ['/api/v1/integrations', '/api/v1/integrations/catalog', '/api/v1/integrations/shopify/scoping']) record(mock.call('GET', url));
        record(mock.call('GET', '/__mock/state', { key: null }));
        for (const text of texts) {
          expect(text).not.toContain(apiKey);
          expect(text).not.toContain(password);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('should not log credentials: the request log line holds method, path and status only', async () => {
    const lines: string[] = [];
    const mock = await serveMock(undefined, { onServed: (served) => lines.push(JSON.stringify(served)) });
    await fetch(`${mock.baseUrl}/integrations/shopify/connect?token=sec_query_secret`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.acmeAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: { apiKey: 'sec_logged_never' } }),
    });
    await mock.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/sec_logged_never|sec_query_secret|flowyte_sk/);
  });
});
