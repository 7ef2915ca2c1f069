import { describe, expect, it } from 'vitest';
import { RESPONSE_CHECK_VARIANTS } from '../contract/broken-variants/response-checks.js';
import { serveMock } from '../support/served-mock.js';
import { auth, json, proxyTo, violationsOf } from './proxy-fixture.js';

const variant = (check: string) => RESPONSE_CHECK_VARIANTS.find((candidate) => candidate.caughtBy === check)!;
const INVALID_CONNECT = { method: 'POST', headers: json, body: JSON.stringify({ credentials: { apiKey: 42 } }) };

describe('proxy --errors', () => {
  it("should refuse an invalid connect with the mock's own 400, and not forward it", async () => {
    let served = 0;
    const mock = await serveMock(undefined, { onServed: () => void served++ });
    const proxy = await proxyTo(mock.baseUrl, { errors: true });
    try {
      const direct = await fetch(`${mock.baseUrl}/integrations/shopify/connect`, INVALID_CONNECT);
      const directBody = await direct.json();
      const servedBefore = served;
      const refused = await fetch(`${proxy.baseUrl}/integrations/shopify/connect`, INVALID_CONNECT);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      expect(await refused.json()).toEqual(directBody);
      expect(served).toBe(servedBefore);
      expect(violationsOf(refused)).toEqual([{ check: 'request_schema', location: 'request.body.credentials.apiKey', severity: 'error', message: 'credentials.apiKey must be string' }]);
      expect(refused.headers.get('access-control-expose-headers')).toContain('x-flowyte-violations');
      expect(proxy.log()).toMatch(/POST \/api\/v1\/integrations\/shopify\/connect 400 \S+ refused/);
      // A valid request still goes through.
      const valid = await fetch(`${proxy.baseUrl}/integrations/catalog`, { headers: auth });
      expect(valid.status).toBe(200);
      await valid.text();
      expect(served).toBe(servedBefore + 1);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('should replace an answer that breaks a documented rule with a 502 naming the check', async () => {
    // connectIntegration is documented: its 200 served as text/plain breaks a documented rule.
    const mock = await serveMock(variant('content_type_declared').handle);
    const proxy = await proxyTo(mock.baseUrl, { errors: true });
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations/shopify/connect`, { method: 'POST', headers: json, body: JSON.stringify({ credentials: { apiKey: 'shpat_ok_value_123' } }) });
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = await response.json();
      expect(body).toMatchObject({ status: 502, code: 'contract_violation', title: 'Contract violation', targetStatus: 200 });
      expect(body.detail).toContain('content_type_declared');
      expect(body.violations).toEqual(violationsOf(response));
      expect(body.violations).toEqual([expect.objectContaining({ check: 'content_type_declared', severity: 'error', location: 'response.headers.content-type' })]);
      expect(proxy.stats.replaced).toBe(1);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('should pass on an answer whose only violations rest on inferred rules (warnings)', async () => {
    // WWW-Authenticate on a 401 is the contract's own choice (x-inferred): a warning, not a reason for a 502.
    const mock = await serveMock(variant('www_authenticate').handle);
    const proxy = await proxyTo(mock.baseUrl, { errors: true });
    try {
      const response = await fetch(`${proxy.baseUrl}/integrations/catalog`);
      expect(response.status).toBe(401);
      expect(violationsOf(response)).toEqual([expect.objectContaining({ check: 'www_authenticate', severity: 'warning' })]);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
