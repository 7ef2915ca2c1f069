import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, loadContract, type TestMock } from '../support/test-mock.js';
import { connectOAuth, connectShopify, startOAuth } from './connections.js';

const install = (mock: TestMock, kind: string, agent = 'agt_acme_demo', key: string = KEYS.acmeAdmin) =>
  mock.call('POST', `/api/v1/agents/${agent}/integrations/${kind}/pack/install`, { key });
type Installed = Array<{ skill: { id: string; name: string; isEnabled: boolean } & Record<string, unknown>; created: boolean }>;
const namesOf = (data: Installed) => data.map((item) => item.skill.name);

describe('pack install', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  it("should install every preset of shopify's pack as disabled drafts, the contract's example among them", async () => {
    connectShopify(mock);
    const reply = install(mock, 'shopify');
    expect(reply.status).toBe(200);
    const data = reply.body.data as Installed;
    expect(data.every((item) => item.created && !item.skill.isEnabled)).toBe(true);
    const examples = (await loadContract()).document.components!.examples as Record<string, { value: { data: Installed } }>;
    const example = examples.PackInstalled!;
    expect(namesOf(data)).toEqual(expect.arrayContaining(namesOf(example.value.data)));
    const status = data.find((item) => item.skill.name === 'shopify_order_status')!.skill;
    expect(status).toMatchObject({ description: example.value.data[0]!.skill.description, requiredParams: ['orderNumber'], isWrite: false });
  });

  it('should be idempotent: a second install skips every preset and answers the same skills', () => {
    connectOAuth(mock, 'google_calendar');
    const first = install(mock, 'google_calendar').body.data as Installed;
    const again = install(mock, 'google_calendar').body.data as Installed;
    expect(again).toEqual(first.map((item) => ({ ...item, created: false })));
    expect(mock.store.skills.get('agt_acme_demo')).toHaveLength(first.length);
  });

  it('should refuse with the duplicate-name 409, creating nothing, when a binding took a preset\'s name', () => {
    connectShopify(mock);
    mock.call('POST', '/api/v1/integrations/shopify/discover');
    const bound = mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/bindings', {
      body: { toolName: 'shopify_find_customer', operation: 'findCustomer', inputs: [{ param: 'email', argument: 'email' }] },
    });
    expect(bound.status).toBe(201);
    const reply = install(mock, 'shopify');
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('duplicate_tool_name');
    expect(mock.store.skills.get('agt_acme_demo')).toHaveLength(1);
  });

  it('should gate a preset that writes', () => {
    connectOAuth(mock, 'google_calendar');
    const data = install(mock, 'google_calendar').body.data as Installed;
    expect(data.find((item) => item.skill.name === 'google_calendar_book_appointment')!.skill).toMatchObject({ isWrite: true, requiresConfirmation: true, isEnabled: false });
    expect(data.find((item) => item.skill.name === 'google_calendar_cancel_appointment')!.skill).toMatchObject({ requiresVerifiedIdentity: true });
  });

  it.each(['google_sheets', 'postgres', 'calendly'])('should answer 404 pack_not_found for %s, which ships no pack, connected or not', (kind) => {
    expect(install(mock, kind).body.code).toBe('pack_not_found');
    if (kind === 'postgres') connectAndDiscoverPostgres(mock);
    if (kind === 'google_sheets') connectOAuth(mock, kind);
    const reply = install(mock, kind);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('pack_not_found');
  });

  it('should answer 409 provider_not_connected for a pack whose provider is not connected, or only pending', () => {
    expect(install(mock, 'shopify').body.code).toBe('provider_not_connected');
    startOAuth(mock, 'google_calendar');
    const reply = install(mock, 'google_calendar');
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('provider_not_connected');
    connectShopify(mock, KEYS.globexAdmin);
    expect(install(mock, 'shopify').status).toBe(409);
    expect(mock.store.skills.size).toBe(0);
  });

  it("should answer 404 agent_not_found for another org's agent", () => {
    connectShopify(mock);
    const reply = install(mock, 'shopify', 'agt_globex_demo');
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('agent_not_found');
  });

  it('should show installed presets in the mock state', () => {
    connectShopify(mock);
    const data = install(mock, 'shopify').body.data as Installed;
    const state = mock.call('GET', '/__mock/state', { key: null }).body.data;
    expect(state.skills.agt_acme_demo).toEqual(data.map((item) => item.skill));
  });
});
