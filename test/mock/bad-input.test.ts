import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/mock/types.js';
import { createTestMock, type TestMock } from '../support/test-mock.js';

describe('bad input', () => {
  let mock: TestMock;
  beforeAll(async () => {
    mock = await createTestMock();
  });

  it('should answer an unknown route with a 404 problem', () => {
    for (const url of ['/', '/nope', '/api/v1', '/api/v1/integrations/postgres/nope', '/api/v2/integrations']) {
      const reply = mock.call('GET', url);
      expect(reply.status, url).toBe(404);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.body).toMatchObject({ status: 404, code: 'route_not_found', instance: url });
    }
  });

  it('should answer a wrong method with 405 and Allow', () => {
    const reply = mock.call('PUT', '/api/v1/integrations/postgres/scoping');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, PATCH, HEAD, OPTIONS');
  });

  it('should answer HEAD like GET, and an absolute-form request target like its path', () => {
    expect(mock.call('HEAD', '/api/v1/integrations').status).toBe(200);
    expect(mock.call('GET', 'http://mock.test/api/v1/integrations?x=1').status).toBe(200);
  });

  it('should honour q-values when choosing between problem+json and the envelope', () => {
    const ask = (accept: string) => mock.call('POST', '/api/v1/integrations/shopify/connect', { body: {}, headers: { accept } }).headers['content-type'];
    expect(ask('application/problem+json;q=0, application/json')).toMatch(/^application\/json/);
    expect(ask('application/json;q=0.5, application/problem+json')).toMatch(/^application\/problem\+json/);
    expect(ask('application/json, */*')).toMatch(/^application\/json/);
  });

  it('should never quote the body back when it is not valid JSON: it may hold credentials', () => {
    const reply = mock.call('POST', '/api/v1/integrations/shopify/connect', { raw: '{"credentials":{"apiKey":shpat_SUPERSECRET}}', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('SUPERSECRET');
    expect(reply.body.detail).toMatch(/^The body is not valid JSON( \(at byte \d+\))?\.$/);
  });

  it('should prefer the literal /integrations/catalog over /integrations/{kind}', () => {
    expect(mock.call('DELETE', '/api/v1/integrations/catalog').status).toBe(405);
  });

  it('should refuse an unknown kind naming the path parameter', () => {
    const reply = mock.call('GET', '/api/v1/integrations/acme_crm/schema');
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('kind');
  });

  it('should answer malformed JSON with 400 naming the body', () => {
    const reply = mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { raw: '{"blockedTables": [', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'malformed_json', errors: [{ field: 'body' }] });
  });

  it('should answer a body that is not JSON with 415', () => {
    const reply = mock.call('POST', '/api/v1/integrations/shopify/connect', { raw: 'apiKey=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
  });

  it('should answer a body over 1 MiB with 413', () => {
    const reply = mock.call('POST', '/api/v1/integrations/shopify/connect', { raw: Buffer.alloc(MAX_BODY_BYTES + 1, 32), headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(413);
  });

  it('should answer a missing required body with 400', () => {
    expect(mock.call('POST', '/api/v1/integrations/postgres/sql/test').body.errors).toEqual([{ field: 'body', message: 'is required' }]);
  });

  it('should answer a 400 as the envelope when the client accepts application/json only', () => {
    const reply = mock.call('POST', '/api/v1/integrations/shopify/connect', { body: {}, headers: { accept: 'application/json' } });
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.body).toEqual({ success: false, message: 'credentials is required', errors: [{ field: 'credentials', message: 'is required' }] });
    const problem = mock.call('POST', '/api/v1/integrations/shopify/connect', { body: {}, headers: { accept: 'application/problem+json, application/json' } });
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should refuse __proto__ in a closed object as an unknown field', () => {
    const reply = mock.call('POST', '/api/v1/integrations/postgres/sql/test', { raw: '{"__proto__":{"admin":true},"credentials":{}}', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain('__proto__');
  });

  it('should never answer 5xx nor show a stack trace, whatever a client sends', () => {
    const methods = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD');
    const segment = fc.oneof(fc.constantFrom('integrations', 'postgres', 'shopify', 'agents', 'agt_acme_demo', 'connect', 'scoping', 'bindings', 'schema', 'objects', 'sql', 'test', 'scripts', 'discover', '%E0%A4%A', '__proto__', 'catalog'), fc.string());
    const url = fc.tuple(fc.constantFrom('/api/v1', '/__mock', ''), fc.array(segment, { maxLength: 5 }), fc.string()).map(([base, parts, query]) => `${base}/${parts.join('/')}?${query}`);
    const body = fc.oneof(fc.json(), fc.string(), fc.constant('{"__proto__":{"x":1}}'), fc.jsonValue().map((v) => JSON.stringify({ credentials: v, blockedColumns: v, toolName: v })));
    const contentType = fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', '');
    fc.assert(
      fc.property(methods, url, fc.option(body), contentType, (method, target, payload, type) => {
        const response = mock.core.handle({
          method,
          url: target,
          headers: { authorization: 'Bearer flowyte_sk_test_acme_admin', 'content-type': type, host: 'mock.test' },
          body: payload === null ? undefined : Buffer.from(payload),
        });
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
      }),
      { numRuns: 1500 },
    );
  });
});
