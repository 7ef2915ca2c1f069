import { describe, expect, it } from 'vitest';
import { BUILT_IN_DATA, type MockData } from '../../src/mock/mock-data.js';
import { compileSeed } from '../../src/mock/state/compile-seed.js';
import { ToolError } from '../../src/tool-errors.js';
import { createTestMock } from '../support/test-mock.js';

const AGENT = 'agt_acme_demo';
const FIND_BY_PHONE = { toolName: 'find_by_phone', operation: 'search_customers', sqlSearch: { column: 'phone', param: 'phone' } };

/** The built-in orgs, agents and keys with these connections and skills. */
const withState = (connections: MockData['connections'], skills: MockData['skills'] = {}): MockData => ({ ...BUILT_IN_DATA, connections, skills });
const fieldsOf = (data: MockData) => {
  const compiled = compileSeed(data);
  return compiled.errors ? compiled.errors.map((error) => `${error.field} ${error.message}`) : [];
};

describe('connections and skills in the start data', () => {
  it('should start as the data says: shopify connected, postgres discovered with customers.email blocked, a skill bound', async () => {
    const data = withState(
      { acme: [{ kind: 'shopify' }, { kind: 'postgres', discovered: true, scoping: { blockedColumns: { customers: ['email'] } } }] },
      { [AGENT]: [{ kind: 'postgres', binding: FIND_BY_PHONE }, { kind: 'shopify', provision: {} }] },
    );
    const mock = await createTestMock({ data, clock: () => new Date('2030-01-02T03:04:05.000Z') });
    const listed = mock.call('GET', '/api/v1/integrations').body.data;
    expect(listed).toEqual([
      expect.objectContaining({ kind: 'postgres', status: 'connected', discoveredAt: '2030-01-02T03:04:05.000Z', scoping: { blockedTableCount: 0, blockedColumnCount: 1 } }),
      expect.objectContaining({ kind: 'shopify', status: 'connected', connectedAt: '2030-01-02T03:04:05.000Z', discoveredAt: null }),
    ]);
    const customers = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data.objects.find((table: { name: string }) => table.name === 'customers');
    expect(customers.fields.map((field: { name: string }) => field.name)).not.toContain('email');
    const skills = mock.call('GET', '/__mock/state', { key: null }).body.data.skills[AGENT];
    expect(skills.map((skill: { name: string }) => skill.name)).toEqual(['find_by_phone', 'shopify_lookup_order', 'shopify_search_customers']);
    expect(mock.call('POST', `/api/v1/agents/${AGENT}/integrations/postgres/bindings`, { body: FIND_BY_PHONE }).status).toBe(409); // the name is taken
  });

  it('should keep the times the data gives, and leave a pending OAuth connection waiting for a new connect', async () => {
    const times = { createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '2024-05-02T10:00:00.000Z', connectedAt: '2024-05-01T10:05:00.000Z' };
    const data = withState({ acme: [{ kind: 'shopify', ...times }, { kind: 'google_sheets', status: 'pending' }] });
    const mock = await createTestMock({ data });
    const [sheets, shopify] = mock.call('GET', '/api/v1/integrations').body.data;
    expect(shopify).toMatchObject(times);
    expect(sheets).toMatchObject({ kind: 'google_sheets', status: 'pending', connectedAt: null });
    expect(mock.call('POST', '/api/v1/integrations/google_sheets/discover').status).toBe(409);
  });

  it('should keep a table named __proto__ as a name, never as a prototype', async () => {
    const blockedColumns = JSON.parse('{"__proto__": ["polluted"], "customers": ["email"]}');
    const mock = await createTestMock({ data: withState({ acme: [{ kind: 'postgres', scoping: { blockedColumns } }] }) });
    expect(mock.call('GET', '/api/v1/integrations/postgres/scoping').body.data.blockedColumns).toEqual(JSON.parse('{"__proto__": ["polluted"], "customers": ["email"]}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a binding before discovery', withState({ acme: [{ kind: 'postgres' }] }, { [AGENT]: [{ kind: 'postgres', binding: FIND_BY_PHONE }] }), `skills.${AGENT}[0].kind postgres must be connected and discovered for acme`],
    ['a binding on a blocked column', withState({ acme: [{ kind: 'postgres', discovered: true, scoping: { blockedColumns: { customers: ['phone'] } } }] }, { [AGENT]: [{ kind: 'postgres', binding: FIND_BY_PHONE }] }), `skills.${AGENT}[0].binding.sqlSearch.column customers.phone is blocked`],
    ['a binding of an unknown operation', withState({ acme: [{ kind: 'postgres', discovered: true }] }, { [AGENT]: [{ kind: 'postgres', binding: { ...FIND_BY_PHONE, operation: 'drop_everything' } }] }), `skills.${AGENT}[0].binding.operation no operation "drop_everything"`],
    ['an unknown action', withState({ acme: [{ kind: 'shopify' }] }, { [AGENT]: [{ kind: 'shopify', provision: { actions: ['lookup_order', 'refund_all'] } }] }), `skills.${AGENT}[0].provision.actions[1] shopify has no action "refund_all"`],
    ['a provision while pending', withState({ acme: [{ kind: 'google_calendar', status: 'pending' }] }, { [AGENT]: [{ kind: 'google_calendar', provision: {} }] }), `skills.${AGENT}[0].kind google_calendar must be connected for acme`],
    ['a pack of a kind with none', withState({ acme: [{ kind: 'postgres' }] }, { [AGENT]: [{ kind: 'postgres', pack: true }] }), `skills.${AGENT}[0].pack PostgreSQL ships no Connector Pack`],
    ['a recipe of two', withState({ acme: [{ kind: 'shopify' }] }, { [AGENT]: [{ kind: 'shopify', pack: true, provision: {} }] }), `skills.${AGENT}[0] must give exactly one of binding, provision, pack (it gives provision and pack)`],
    ['a recipe of none', withState({ acme: [{ kind: 'shopify' }] }, { [AGENT]: [{ kind: 'shopify' }] }), `skills.${AGENT}[0] must give exactly one of binding, provision, pack`],
    ['a tool name twice', withState({ acme: [{ kind: 'shopify', discovered: true }] }, { [AGENT]: [{ kind: 'shopify', provision: {} }, { kind: 'shopify', binding: { toolName: 'shopify_lookup_order', operation: 'searchProducts', inputs: [{ param: 'q', argument: 'query' }] } }] }), `skills.${AGENT}[1] makes a skill named "shopify_lookup_order" as skills.${AGENT}[0] did`],
    ['skills of an unknown agent', withState({}, { agt_nobody: [] }), 'skills.agt_nobody names the agent "agt_nobody", which agents does not list'],
    ['a discovered pending connection', withState({ acme: [{ kind: 'google_calendar', status: 'pending', discovered: true }] }), 'connections.acme[0].discovered cannot be set while the connection is pending'],
    ['a pending connection with a connectedAt', withState({ acme: [{ kind: 'google_calendar', status: 'pending', connectedAt: '2024-01-01T00:00:00Z' }] }), 'connections.acme[0].connectedAt must be null while the connection is pending'],
    ['credentials on an OAuth connection', withState({ acme: [{ kind: 'google_sheets', credentials: { fields: ['token'] } }] }), 'connections.acme[0].credentials must be null'],
    ['another auth type', withState({ acme: [{ kind: 'shopify', authType: 'oauth2' }] }), 'connections.acme[0].authType must be api_key for shopify'],
    ['discovered: false with a discoveredAt', withState({ acme: [{ kind: 'shopify', discovered: false, discoveredAt: '2024-01-01T00:00:00Z' }] }), 'connections.acme[0].discoveredAt must be null when discovered is false'],
    ['a redacted token', { ...BUILT_IN_DATA, keys: [{ token: 'flowyte_sk_…dmin', org: 'acme', scopes: [] }] }, 'keys[0].token is redacted (as GET /__mock/state shows it): a data file needs the whole token'],
    ['a key name twice', { ...BUILT_IN_DATA, keys: [...BUILT_IN_DATA.keys, { ...BUILT_IN_DATA.keys[0]!, token: 'flowyte_sk_test_other' }] }, 'keys[4].name repeats the key name "acme_admin" of keys[0].name'],
  ])('should refuse %s, naming the field', (_what, data, expected) => {
    expect(fieldsOf(data).join('\n')).toContain(expected);
  });

  it('should refuse such data given to createMockCore with DATA_INVALID naming the field', async () => {
    const data = withState({ acme: [{ kind: 'shopify', status: 'pending' }] });
    await expect(createTestMock({ data })).rejects.toThrow(ToolError);
    await expect(createTestMock({ data })).rejects.toThrow(/connections\.acme\[0\]\.status must be connected/);
  });

  it('should refuse data of the wrong shape given to createMockCore (from JavaScript, say) with DATA_INVALID, not a crash', async () => {
    const junk = { ...BUILT_IN_DATA, connections: { acme: [{ kind: 'fax' }] }, skills: { [AGENT]: 'all of them' } } as unknown as MockData;
    await expect(createTestMock({ data: junk })).rejects.toThrow(/^connections\.acme\[0\]\.kind must be one of: .* \(and 1 more\)$/);
  });
});
