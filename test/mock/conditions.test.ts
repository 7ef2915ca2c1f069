import { beforeEach, describe, expect, it } from 'vitest';
import { listOperations } from '../../src/spec/operations.js';
import { KEYS } from '../support/test-mock.js';
import { createConditionedMock, type ConditionedMock } from './conditioned-mock.js';

const LIST = '/api/v1/integrations';
const CONNECT_SHOPIFY = '/api/v1/integrations/shopify/connect';

describe('Prefer: asking the mock for an answer', () => {
  let m: ConditionedMock;
  beforeEach(async () => {
    m = await createConditionedMock();
  });

  it('should answer Prefer: code=429 with the contract\'s example, Retry-After and the RateLimit headers', () => {
    const reply = m.ask('GET', LIST, { prefer: 'code=429' });
    expect(reply.status).toBe(429);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests' });
    expect(reply.headers).toMatchObject({ 'retry-after': '2', 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '2' });
    expect(reply.headers['preference-applied']).toBe('code=429');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    expect(reply.response.simulated).toBe('Prefer code=429');
  });

  it('should answer a forced 401 with WWW-Authenticate, to a key that is valid', () => {
    const reply = m.ask('GET', LIST, { prefer: 'code=401' });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer realm="flowyte"/);
  });

  it('should answer a forced success from the contract without running the handler: nothing changes', () => {
    const before = m.state();
    const reply = m.ask('POST', CONNECT_SHOPIFY, { prefer: 'code=200' }, { credentials: { apiKey: 'shpat_1' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true, data: { oauthUrl: expect.stringContaining('state=') } });
    expect(m.state()).toBe(before);
  });

  it('should force an answer before validation: a request without its required body still gets the 404 asked for', () => {
    const before = m.state();
    const reply = m.ask('POST', '/api/v1/agents/agt_acme_demo/integrations/postgres/bindings', { prefer: 'code=404' });
    expect(reply.status).toBe(404);
    expect(m.state()).toBe(before);
  });

  it('should refuse a status the operation does not declare with 400 naming Prefer.code and listing the declared ones', () => {
    const reply = m.ask('GET', LIST, { prefer: 'code=500' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'invalid_preference', errors: [{ field: 'Prefer.code' }] });
    expect(reply.body.detail).toBe('listIntegrations does not declare 500; it declares 200, 400, 401, 403, 429.');
  });

  it.each(['abc', '42', '2000', '', '6xx'])('should refuse Prefer: code=%s with 400 naming Prefer.code', (code) => {
    const reply = m.ask('GET', LIST, { prefer: `code=${code}` });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ field: 'Prefer.code', message: expect.stringContaining('three digits') }]);
  });

  it('should answer a named example of the success status, as Prism does', () => {
    const reply = m.ask('POST', CONNECT_SHOPIFY, { prefer: 'example=connected' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true, data: { status: 'connected' } });
    expect(reply.headers['preference-applied']).toBe('example=connected');
  });

  it('should find an example of an error status when asked without a code: example=rateLimited answers 429', () => {
    const reply = m.ask('GET', LIST, { prefer: 'example=rateLimited' });
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('2');
  });

  it('should take the example from the status asked for, and refuse one that status lacks, listing its names', () => {
    expect(m.ask('DELETE', '/api/v1/integrations/shopify', { prefer: 'code=404, example=agentNotFound' }).body.code).toBe('agent_not_found');
    const wrong = m.ask('DELETE', '/api/v1/integrations/shopify', { prefer: 'code=200, example=agentNotFound' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'Prefer.example', message: 'must name an example of disconnectIntegration for 200: disconnected' }]);
  });

  it('should refuse an unknown example with 400 listing every example of the operation by status', () => {
    const reply = m.ask('POST', CONNECT_SHOPIFY, { prefer: 'example=nope' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('Prefer.example');
    expect(reply.body.errors[0].message).toMatch(/^must name an example of connectIntegration: 200 oauthRedirect, connected; 400 invalidBody, invalidCursor; .*429 rateLimited$/);
  });

  it('should let Prefer: delay=MS reach the handler and only hold the answer', () => {
    const reply = m.ask('POST', CONNECT_SHOPIFY, { prefer: 'delay=250' }, { credentials: { apiKey: 'shpat_1' } });
    expect(reply.status).toBe(200);
    expect(reply.response.delayMs).toBe(250);
    expect(reply.headers['preference-applied']).toBe('delay=250');
    expect(m.mock.call('GET', LIST).body.data).toEqual([expect.objectContaining({ kind: 'shopify', status: 'connected' })]);
  });

  it.each(['-1', 'soon', '300001', '1.5'])('should refuse Prefer: delay=%s with 400 naming Prefer.delay', (delay) => {
    expect(m.ask('GET', LIST, { prefer: `delay=${delay}` }).body.errors).toEqual([{ field: 'Prefer.delay', message: expect.stringContaining('milliseconds') }]);
  });

  it('should read several preferences in one header as Prism does: quotes, parameters, the first of a repeated one', () => {
    const reply = m.ask('GET', LIST, { prefer: 'Example="rateLimited"; lang=en, delay=400, code=429, code=404, return=minimal' });
    expect(reply.status).toBe(429);
    expect(reply.response.delayMs).toBe(400);
    expect(reply.headers['preference-applied']).toBe('code=429, example=rateLimited, delay=400');
  });

  it('should ignore preferences it does not know, as RFC 7240 asks', () => {
    const reply = m.ask('GET', LIST, { prefer: 'return=minimal, respond-async' });
    expect(reply.status).toBe(200);
    expect(reply.headers['preference-applied']).toBeUndefined();
  });

  it('should read Prism\'s query form (__code, __example, __delay) only when there is no Prefer header', () => {
    expect(m.ask('GET', `${LIST}?__code=429&__delay=10`).status).toBe(429);
    expect(m.ask('GET', `${LIST}?__code=nope`).body.errors[0].field).toBe('__code');
    expect(m.ask('GET', `${LIST}?__code=429`, { prefer: 'delay=1' }).status).toBe(200);
  });

  it('should apply after routing and authentication: a bad key, a missing scope or an unknown route answer as always', () => {
    expect(m.ask('GET', LIST, { prefer: 'code=200', authorization: 'Bearer flowyte_sk_test_nobody' }).status).toBe(401);
    expect(m.ask('GET', LIST, { prefer: 'code=200', authorization: null }).status).toBe(401);
    const reader = m.ask('POST', CONNECT_SHOPIFY, { prefer: 'code=200', authorization: `Bearer ${KEYS.acmeReader}` });
    expect(reader.body.code).toBe('insufficient_scope');
    expect(m.ask('GET', '/api/v1/nowhere', { prefer: 'code=200' }).body.code).toBe('route_not_found');
    expect(m.ask('PUT', LIST, { prefer: 'code=200' }).status).toBe(405);
  });

  it('should leave the control routes alone', () => {
    const reply = m.ask('POST', '/__mock/reset', { prefer: 'code=500, delay=100' });
    expect(reply.status).toBe(200);
    expect(reply.response.delayMs).toBeUndefined();
  });

  it('should give a forced 400 the {success: false} envelope when Accept prefers application/json, as the core does', () => {
    const reply = m.ask('GET', LIST, { prefer: 'code=400', accept: 'application/json' });
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.body).toMatchObject({ success: false });
    expect(m.ask('GET', LIST, { prefer: 'code=400', accept: '*/*' }).headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should answer every declared status of every operation within the contract, and change nothing', () => {
    const before = m.state();
    for (const operation of listOperations(m.document)) {
      const url = `/api/v1${operation.pathTemplate.replace('{kind}', 'postgres').replace('{agentId}', 'agt_acme_demo')}`;
      for (const status of Object.keys(operation.responses)) {
        const reply = m.ask(operation.method.toUpperCase(), url, { prefer: `code=${status}` });
        expect(reply.status, `${operation.operationId} ${status}`).toBe(Number(status));
      }
    }
    expect(m.state()).toBe(before);
  });
});
