import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMockData } from '../../src/mock/load-mock-data.js';
import { BUILT_IN_DATA } from '../../src/mock/mock-data.js';
import { createTestMock, KEYS } from '../support/test-mock.js';

const scenario = (name: string) => loadMockData(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)));

/** The kinds of the caller's connections, as the API lists them. */
const kindsOf = (mock: Awaited<ReturnType<typeof createTestMock>>, key: string = KEYS.acmeAdmin) =>
  mock.call('GET', '/api/v1/integrations?limit=100', { key }).body.data.map((connection: { kind: string }) => connection.kind);

describe('the shipped scenarios', () => {
  it('empty: the built-in orgs, agents and keys, nothing connected', async () => {
    const data = scenario('empty');
    expect({ orgs: data.orgs, agents: data.agents, keys: data.keys }).toEqual(BUILT_IN_DATA);
    const mock = await createTestMock({ data });
    expect(kindsOf(mock)).toEqual([]);
    expect(mock.call('GET', '/api/v1/integrations/catalog?limit=100').body.data.every((entry: { connected: boolean }) => !entry.connected)).toBe(true);
  });

  it('all-connected: every live provider connected and discovered, a skill of each sort on the agent', async () => {
    const mock = await createTestMock({ data: scenario('all-connected') });
    expect(kindsOf(mock)).toEqual(['google_calendar', 'google_sheets', 'mysql', 'postgres', 'shopify']);
    expect(kindsOf(mock, KEYS.globexAdmin)).toEqual(['shopify']);
    for (const kind of ['google_calendar', 'google_sheets', 'shopify', 'postgres', 'mysql']) {
      expect(mock.call('GET', `/api/v1/integrations/${kind}/schema`).status).toBe(200);
    }
    const skills = mock.call('GET', '/__mock/state', { key: null }).body.data.skills.agt_acme_demo as Array<{ name: string; isEnabled: boolean }>;
    expect(skills.map((skill) => skill.name)).toEqual([
      'shopify_lookup_order',
      'google_calendar_next_free_slot',
      'google_calendar_book_appointment',
      'google_calendar_cancel_appointment',
      'find_customer_by_phone',
    ]);
    expect(skills.at(-1)!.isEnabled).toBe(true);
    // Made as the endpoints make them: provisioning again answers the same skill, not a new one.
    const again = mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/provision', { body: { actions: ['lookup_order'] } });
    expect(again.body.data).toEqual([{ skill: skills[0], created: false }]);
  });

  it('scoped-database: shopify connected, postgres discovered with customers.email, date_of_birth and payments blocked', async () => {
    const mock = await createTestMock({ data: scenario('scoped-database') });
    expect(kindsOf(mock)).toEqual(['postgres', 'shopify']);
    expect(mock.call('GET', '/api/v1/integrations/postgres/scoping').body.data).toEqual({
      blockedTables: ['payments'],
      blockedColumns: { customers: ['email', 'date_of_birth'] },
    });
    const schema = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data;
    const customers = schema.objects.find((table: { name: string }) => table.name === 'customers');
    expect(customers.fields.map((field: { name: string }) => field.name)).not.toContain('email');
    expect(schema.objects.map((table: { name: string }) => table.name)).not.toContain('payments');
    expect(mock.call('GET', '/api/v1/integrations/shopify/schema').status).toBe(404); // connected, not discovered
    // A binding on a blocked column is refused, as the seeded scoping says.
    const blocked = mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/postgres/bindings', {
      body: { toolName: 'by_email', operation: 'search_customers', sqlSearch: { column: 'email', param: 'email' } },
    });
    expect(blocked.status).toBe(422);
    expect(mock.call('GET', '/__mock/state', { key: null }).body.data.skills.agt_acme_demo.map((skill: { name: string }) => skill.name)).toEqual(['find_customer_by_phone']);
  });

  it('should come back as the file gave it after changes and POST /__mock/reset', async () => {
    const mock = await createTestMock({ data: scenario('scoped-database') });
    const pristine = mock.call('GET', '/__mock/state', { key: null }).body.data;
    mock.call('DELETE', '/api/v1/integrations/postgres');
    mock.call('POST', '/__mock/reset', { key: null });
    const after = mock.call('GET', '/__mock/state', { key: null }).body.data;
    // A recipe's skill is made again at each reset: a new id and times, the rest the same.
    const withoutIdentity = (state: typeof pristine) => JSON.stringify(state, (key, value) => (['id', 'createdAt', 'updatedAt', 'connectedAt', 'discoveredAt'].includes(key) ? undefined : value));
    expect(withoutIdentity(after)).toBe(withoutIdentity(pristine));
    expect(kindsOf(mock)).toEqual(['postgres', 'shopify']);
  });
});
