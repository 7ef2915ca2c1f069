import { beforeEach, describe, expect, it } from 'vitest';
import { listOperations } from '../../src/spec/operations.js';
import { createTestMock, KEYS, loadContract, type TestMock } from '../support/test-mock.js';

/** A concrete URL for every operation: kinds and agents that exist, so only auth can refuse. */
async function sampleRequests() {
  const { document, basePath } = await loadContract();
  return listOperations(document).map((operation) => ({
    operation,
    method: operation.method.toUpperCase(),
    url:
      basePath +
      operation.pathTemplate.replace('{kind}', 'postgres').replace('{agentId}', 'agt_acme_demo') +
      (operation.operationId === 'getSqlScripts' ? '?database=appdb' : ''),
  }));
}

describe('authentication and scopes', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  it('should answer 401 with WWW-Authenticate: Bearer to a missing, malformed or unknown key on every operation', async () => {
    for (const { method, url } of await sampleRequests()) {
      for (const headers of [{} as Record<string, string>, { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }, { authorization: 'Bearer' }, { authorization: 'Bearer flowyte_sk_test_nobody' }]) {
        const reply = mock.call(method, url, { key: null, headers });
        expect(reply.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(reply.body).toMatchObject({ status: 401, code: 'unauthorized', instance: url.split('?')[0] });
      }
    }
  });

  it('should answer 403 insufficient_scope naming the scope to every key that lacks it, and change nothing', async () => {
    const keys = [...mock.store.keys.values()];
    for (const { operation, method, url } of await sampleRequests()) {
      const [scope] = operation.scopes;
      for (const key of keys.filter((k) => !k.scopes.has(scope!))) {
        const before = JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body);
        const reply = mock.call(method, url, { key: key.token, body: operation.requestBody ? {} : undefined });
        expect(reply.status, `${key.name} ${method} ${url}`).toBe(403);
        expect(reply.body).toMatchObject({ code: 'insufficient_scope', requiredScope: scope });
        expect(reply.body.detail).toContain(scope);
        expect(JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body)).toBe(before);
      }
    }
  });

  it('should never refuse for scope a key that holds the scope', async () => {
    const keys = [...mock.store.keys.values()];
    for (const { operation, method, url } of await sampleRequests()) {
      for (const key of keys.filter((k) => k.scopes.has(operation.scopes[0]!))) {
        const reply = mock.call(method, url, { key: key.token, body: operation.requestBody ? {} : undefined });
        expect([401, 403], `${key.name} ${method} ${url}`).not.toContain(reply.status);
      }
    }
  });

  it('should let the author key discover and scope but not connect, as the seed separates integrations:connect', () => {
    expect(mock.call('POST', '/api/v1/integrations/shopify/connect', { key: KEYS.acmeAuthor, body: { credentials: { apiKey: 'k' } } }).status).toBe(403);
    expect(mock.call('POST', '/api/v1/integrations/shopify/connect', { key: KEYS.acmeAdmin, body: { credentials: { apiKey: 'k' } } }).status).toBe(200);
    expect(mock.call('POST', '/api/v1/integrations/shopify/discover', { key: KEYS.acmeAuthor }).status).toBe(200);
    expect(mock.call('PATCH', '/api/v1/integrations/shopify/scoping', { key: KEYS.acmeAuthor, body: { blockedTables: ['orders'] } }).status).toBe(200);
  });
});
