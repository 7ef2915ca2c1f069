import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, type TestMock } from '../support/test-mock.js';

describe('tenant isolation', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
    connectAndDiscoverPostgres(mock, KEYS.acmeAdmin);
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['payments'] } });
  });

  const acmeState = () => JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body.data.connections.acme);
  const globex = (method: string, path: string, body?: unknown) => mock.call(method, `/api/v1${path}`, { key: KEYS.globexAdmin, body });

  it("should hide another org's connection, scoping and schema behind 404 and leave them unchanged", () => {
    const before = acmeState();
    for (const [method, path, body] of [
      ['GET', '/integrations/postgres/schema'],
      ['GET', '/integrations/postgres/objects'],
      ['GET', '/integrations/postgres/scoping'],
      ['PATCH', '/integrations/postgres/scoping', { blockedTables: [] }],
      ['POST', '/integrations/postgres/discover'],
      ['DELETE', '/integrations/postgres'],
    ] as const) {
      expect(globex(method, path, body).status, `${method} ${path}`).toBe(404);
    }
    expect(acmeState()).toBe(before);
  });

  it("should never list another org's connections", () => {
    expect(globex('GET', '/integrations').body.data).toEqual([]);
  });

  it("should refuse to bind on another org's agent as if it did not exist", () => {
    const reply = globex('POST', '/agents/agt_acme_demo/integrations/postgres/bindings', { toolName: 't', operation: 'search_customers', inputs: [{ param: 'p', argument: 'id' }] });
    expect(reply.status).toBe(404);
    expect(mock.store.skills.size).toBe(0);
  });

  it('should keep the same kind connected independently in two orgs', () => {
    connectAndDiscoverPostgres(mock, KEYS.globexAdmin);
    expect(globex('GET', '/integrations/postgres/scoping').body.data).toEqual({ blockedTables: [], blockedColumns: {} });
    globex('DELETE', '/integrations/postgres');
    expect(mock.call('GET', '/api/v1/integrations/postgres/scoping').body.data.blockedTables).toEqual(['payments']);
  });
});
