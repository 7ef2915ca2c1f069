import { describe, expect, it } from 'vitest';
import { isProblem } from '../../src/mock/problems.js';
import { RequestGate } from '../../src/mock/request-gate.js';
import { packagedDocument } from '../../src/spec/packaged-contract.js';
import { credentialsSchemaOf, fillRedactedCredentials } from '../../src/traffic/credential-filler.js';
import { REDACTED_VALUE } from '../../src/traffic/har.js';

const gate = new RequestGate(packagedDocument());

/** The body with its credentials filled, and what the contract's request validation says of it. */
function fillAndValidate(method: string, url: string, body: unknown) {
  const read = gate.read({ method, url, headers: { 'content-type': 'application/json' } });
  const route = gate.route(method, read.path);
  if (route.kind !== 'operation') throw new Error(`${url} is no operation`);
  const filled = fillRedactedCredentials(body, credentialsSchemaOf(route.operation, route.params));
  const input = gate.input(route.operation, route.params, { ...read, request: { ...read.request, body: Buffer.from(JSON.stringify(filled.body)) } });
  return { ...filled, problem: isProblem(input) ? input.detail : undefined };
}

const SQL_REDACTED = { host: REDACTED_VALUE, port: '6543', database: REDACTED_VALUE, user: REDACTED_VALUE, password: REDACTED_VALUE, sslmode: 'verify-ca', ca_pem: REDACTED_VALUE };

describe('filling redacted credentials', () => {
  it.each([
    ['an api_key provider, its extra fields too', '/api/v1/integrations/shopify/connect', { credentials: { apiKey: REDACTED_VALUE, shopDomain: REDACTED_VALUE } }, ['apiKey', 'shopDomain']],
    ['a postgres connect, leaving out the CA bundle no filler can stand in for', '/api/v1/integrations/postgres/connect', { credentials: SQL_REDACTED }, ['host', 'database', 'user', 'password', 'ca_pem']],
    ['a mysql connect with every field redacted', '/api/v1/integrations/mysql/connect', { credentials: Object.fromEntries(Object.keys(SQL_REDACTED).map((field) => [field, REDACTED_VALUE])) }, Object.keys(SQL_REDACTED)],
    ['a SQL test', '/api/v1/integrations/postgres/sql/test', { credentials: SQL_REDACTED }, ['host', 'database', 'user', 'password', 'ca_pem']],
  ])('should give %s values the contract accepts', (_what, url, body, fields) => {
    const { filled, problem, body: sent } = fillAndValidate('POST', url, body);
    expect(problem).toBeUndefined();
    expect(filled).toEqual(fields);
    expect(JSON.stringify(sent)).not.toContain(REDACTED_VALUE);
  });

  it('should keep the values the recording kept, and fill the same values every time', () => {
    const first = fillAndValidate('POST', '/api/v1/integrations/postgres/connect', { credentials: SQL_REDACTED });
    expect(first.body).toMatchObject({ credentials: { port: '6543', sslmode: 'verify-ca' } });
    expect(fillAndValidate('POST', '/api/v1/integrations/postgres/connect', { credentials: SQL_REDACTED }).body).toEqual(first.body);
  });

  it('should leave a body without redacted credentials as it is', () => {
    const body = { credentials: { apiKey: 'shpat_in_clear' } };
    expect(fillRedactedCredentials(body, undefined)).toEqual({ body, filled: [] });
    expect(fillRedactedCredentials({ actions: [] }, undefined)).toEqual({ body: { actions: [] }, filled: [] });
  });
});
