import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../src/contract/contract.js';
import { defaultSpecPath } from '../src/spec/load-spec.js';
import { TrafficValidator, type ObservedRequest } from '../src/traffic/traffic-validator.js';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const connect = (credentials: object): ObservedRequest => ({
  method: 'POST',
  url: '/api/v1/integrations/shopify/connect',
  headers: { 'content-type': 'application/json', authorization: 'Bearer flowyte_sk_test_acme_admin' },
  body: body({ credentials }),
});
const problem = (status: number, members: object = {}) => ({ status, headers: { 'content-type': 'application/problem+json' }, body: body({ type: 'about:blank', title: 'Refused', status, ...members }) });

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract(defaultSpecPath());
});

describe('TrafficValidator', () => {
  it('should tell what lies under the base path', () => {
    const validator = new TrafficValidator(contract);
    expect([validator.covers('/api/v1/integrations?limit=2'), validator.covers('/api/v1'), validator.covers('/static/app.js'), validator.covers('/api/v10/x')]).toEqual([true, true, false, false]);
  });

  it("should refuse an invalid request with the mock's own problem, naming the field and where it lies", () => {
    const verdict = new TrafficValidator(contract).checkRequest(connect({ shopDomain: 'acme.myshopify.com' }));
    expect(verdict.operationId).toBe('connectIntegration');
    expect(verdict.refusal?.status).toBe(400);
    expect(JSON.parse(verdict.refusal!.body).code).toBe('validation_error');
    expect(verdict.violations[0]).toMatchObject({ check: 'request_schema', location: 'request.body.credentials.apiKey', severity: 'error' });
    const query = new TrafficValidator(contract).checkRequest({ method: 'GET', url: '/api/v1/integrations?limit=0', headers: {} });
    expect(query.violations[0]).toMatchObject({ location: 'request.query.limit' });
  });

  it('should answer the credentials a valid request submits, and no violation', () => {
    const verdict = new TrafficValidator(contract).checkRequest(connect({ apiKey: 'shpat_0123456789abcdef', shopDomain: 'acme.myshopify.com' }));
    expect(verdict.violations).toEqual([]);
    expect(verdict.secrets).toContain('shpat_0123456789abcdef');
  });

  it('should judge an answer with the response checks, documented rules as errors and inferred ones as warnings', () => {
    const validator = new TrafficValidator(contract);
    const request: ObservedRequest = { method: 'GET', url: '/api/v1/integrations', headers: {} };
    expect(validator.checkResponse('listIntegrations', request, problem(401), [])).toEqual([
      { check: 'www_authenticate', location: 'response.headers.www-authenticate', severity: 'warning', message: 'a 401 without WWW-Authenticate: Bearer' },
    ]);
    const untitled = { status: 404, headers: { 'content-type': 'application/problem+json' }, body: body({ type: 'about:blank', status: 404 }) };
    expect(validator.checkResponse('getIntegrationScoping', { ...request, url: '/api/v1/integrations/shopify/scoping' }, untitled, []).map((v) => [v.check, v.severity])).toContainEqual(['problem_json', 'warning']);
    const undeclared = validator.checkResponse('connectIntegration', connect({}), problem(410), []);
    expect(undeclared.map((v) => [v.check, v.location, v.severity])).toContainEqual(['status_code_declared', 'response.status', 'error']);
  });

  it('should flag a submitted credential in a later answer, and leave inferred rules out with documentedOnly', () => {
    const leak = { status: 200, headers: { 'content-type': 'application/json' }, body: body({ success: true, data: { status: 'connected', echo: 'shpat_0123456789abcdef' } }) };
    const found = new TrafficValidator(contract).checkResponse('connectIntegration', connect({}), leak, ['shpat_0123456789abcdef']);
    expect(found.map((v) => v.check)).toContain('secret_non_disclosure');
    expect(found.find((v) => v.check === 'secret_non_disclosure')!.message).not.toContain('shpat_0123456789abcdef');
    const documented = new TrafficValidator(contract, { documentedOnly: true });
    expect(documented.checkResponse('listIntegrations', { method: 'GET', url: '/api/v1/integrations', headers: {} }, problem(401), [])).toEqual([]);
  });

  it('should judge an answer over the cap only on what needs no body', () => {
    const cut = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"success": tr'), bodyNotRead: true };
    const found = new TrafficValidator(contract).checkResponse('listIntegrationCatalog', { method: 'GET', url: '/api/v1/integrations/catalog', headers: {} }, cut, []);
    expect(found.map((v) => v.check)).not.toContain('response_schema');
  });
});

describe('TrafficValidator, on traffic a real app sends', () => {
  it('should leave alone what the contract does not describe under the base path, judging nothing of it', () => {
    const validator = new TrafficValidator(contract);
    for (const request of [
      { method: 'GET', url: '/api/v1/agents', headers: {} },
      { method: 'PUT', url: '/api/v1/integrations', headers: {} },
    ]) {
      const verdict = validator.checkRequest(request);
      expect([verdict.judged, verdict.operationId, verdict.refusal, verdict.violations]).toEqual([false, undefined, undefined, []]);
    }
  });

  it("should read a refused request's credentials, of any length, for a recording to hide", () => {
    const verdict = new TrafficValidator(contract).checkRequest(connect({ apiKey: 12345, shopDomain: 'hunter2' }));
    expect(verdict.refusal?.status).toBe(400);
    expect(verdict.credentials).toEqual(['12345', 'hunter2']);
    expect(verdict.secrets).toEqual([]);
  });

  it('should not call a leak what the request sends again in its own URL', () => {
    const request: ObservedRequest = { method: 'GET', url: '/api/v1/integrations/sql/scripts?kind=postgres&database=analytics_db_01', headers: {} };
    const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: body({ success: true, data: { script: 'GRANT CONNECT ON DATABASE analytics_db_01' } }) };
    const found = new TrafficValidator(contract).checkResponse('getSqlScripts', request, answer, ['analytics_db_01']);
    expect(found.map((v) => v.check)).not.toContain('secret_non_disclosure');
  });

  it('should make a rule of an operation the docs do not describe a warning, and leave it out with documentedOnly', () => {
    const request: ObservedRequest = { method: 'GET', url: '/api/v1/integrations/catalog?limit=500', headers: {} };
    expect(new TrafficValidator(contract).checkRequest(request).violations.map((v) => v.severity)).toEqual(['warning']);
    const documented = new TrafficValidator(contract, { documentedOnly: true }).checkRequest(request);
    expect([documented.violations, documented.refusal]).toEqual([[], undefined]);
  });

  it('should find a Bearer challenge among several in WWW-Authenticate', () => {
    const request: ObservedRequest = { method: 'GET', url: '/api/v1/integrations', headers: {} };
    const answer = (challenge: string) => ({ ...problem(401), headers: { 'content-type': 'application/problem+json', 'www-authenticate': challenge } });
    const validator = new TrafficValidator(contract);
    expect(validator.checkResponse('listIntegrations', request, answer('Basic realm="api", Bearer realm="api"'), [])).toEqual([]);
    expect(validator.checkResponse('listIntegrations', request, answer('Token flowyte_sk_live_secret'), [])[0]?.message).toBe("a 401's WWW-Authenticate names no Bearer challenge");
  });
});
