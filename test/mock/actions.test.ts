import { beforeEach, describe, expect, it } from 'vitest';
import { createTestMock, KEYS, loadContract, type TestMock } from '../support/test-mock.js';
import { connectShopify } from './connections.js';

const LIVE = ['google_calendar', 'google_sheets', 'mysql', 'postgres', 'shopify'];
const RESERVED = ['calendly', 'hubspot', 'square', 'opentable'];

interface Action {
  slug: string;
  toolName: string;
  important: boolean;
  isWrite: boolean;
  parameters: Array<{ name: string; type: string; required: boolean }>;
  operatorConfig: Array<{ key: string; required: boolean }>;
}

describe('actions and the catalog', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  const catalog = () => mock.call('GET', '/api/v1/integrations/catalog?limit=100').body.data as Array<{ kind: string; actionCount: number; hasPack: boolean }>;
  const actions = (kind: string, key: string = KEYS.acmeAdmin) => mock.call('GET', `/api/v1/integrations/${kind}/actions?limit=100`, { key });

  it('should count in the catalog exactly the actions each provider lists', () => {
    for (const entry of catalog()) expect(actions(entry.kind).body.data, entry.kind).toHaveLength(entry.actionCount);
  });

  it('should keep the shape of the catalog: calendar and shopify have actions and a pack, sheets actions only, SQL neither', () => {
    const byKind = Object.fromEntries(catalog().map((entry) => [entry.kind, { actionCount: entry.actionCount, hasPack: entry.hasPack }]));
    expect(byKind).toEqual({
      google_calendar: { actionCount: 4, hasPack: true },
      google_sheets: { actionCount: 3, hasPack: false },
      shopify: { actionCount: 3, hasPack: true },
      postgres: { actionCount: 0, hasPack: false },
      mysql: { actionCount: 0, hasPack: false },
    });
  });

  it('should agree with the contract\'s examples of the catalog and of google_calendar\'s actions', async () => {
    const examples = (await loadContract()).document.components!.examples as Record<string, { value: { data: any[] } }>;
    const byKind = new Map(catalog().map((entry) => [entry.kind, entry]));
    for (const entry of examples.CatalogPage!.value.data) {
      expect(byKind.get(entry.kind), entry.kind).toMatchObject({ actionCount: entry.actionCount, hasPack: entry.hasPack });
    }
    const listed = new Map((actions('google_calendar').body.data as Action[]).map((action) => [action.slug, action]));
    for (const example of examples.ActionsPage!.value.data as Action[]) {
      const action = listed.get(example.slug);
      expect(action, example.slug).toMatchObject({ toolName: example.toolName, important: example.important, isWrite: example.isWrite });
      for (const parameter of example.parameters) expect(action!.parameters, `${example.slug}.${parameter.name}`).toContainEqual(expect.objectContaining(parameter));
      for (const config of example.operatorConfig) expect(action!.operatorConfig.map((c) => c.key)).toContain(config.key);
    }
  });

  it('should name each action\'s skill after its provider and slug, and type every parameter', () => {
    for (const kind of LIVE) {
      for (const action of actions(kind).body.data as Action[]) {
        expect(action.toolName).toBe(`${kind}_${action.slug}`);
        for (const parameter of action.parameters) expect(['string', 'integer', 'number', 'boolean', 'date', 'datetime']).toContain(parameter.type);
      }
    }
    const calendar = actions('google_calendar').body.data as Action[];
    expect(calendar.filter((action) => action.important).map((action) => action.slug)).toEqual(['check_availability', 'create_event']);
    expect(calendar.find((action) => action.slug === 'check_availability')?.operatorConfig).toContainEqual(expect.objectContaining({ key: 'calendarId', required: true }));
    expect((actions('google_sheets').body.data as Action[]).every((action) => action.operatorConfig.some((c) => c.key === 'spreadsheetUrl'))).toBe(true);
  });

  it('should list a SQL database with no actions', () => {
    for (const kind of ['postgres', 'mysql']) expect(actions(kind).body).toEqual({ success: true, data: [], nextCursor: null, hasMore: false });
  });

  it('should list actions without a connection, to a read-only key', () => {
    expect(actions('google_calendar', KEYS.acmeReader).status).toBe(200);
    connectShopify(mock);
    expect(actions('google_calendar', KEYS.globexAdmin).body.data).toEqual(actions('google_calendar').body.data);
  });

  it.each(RESERVED)('should answer the reserved provider %s with 404 provider_not_available', (kind) => {
    const reply = actions(kind);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('provider_not_available');
  });

  it('should leave the reserved providers out of the catalog', () => {
    expect(catalog().map((entry) => entry.kind).sort()).toEqual(LIVE);
  });
});
