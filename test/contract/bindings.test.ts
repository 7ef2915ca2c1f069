import { describe, expect, it } from 'vitest';
import { columnKey, joinReadBinding, readBindings, touchedBy, writeBindings, type BindingBody } from '../../contracts/support/bindings.js';
import type { SchemaView } from '../../contracts/support/discovered.js';
import { discoverProviderSchema } from '../../src/mock/provider-schemas.js';
import { createTestMock, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';

const KINDS = ['shopify', 'postgres', 'google_calendar', 'google_sheets'] as const;
const SQL = new Set(['postgres', 'mysql']);

/** Connects (approving an OAuth consent as a user would) and discovers `kind`; its schema as the API shows it. */
function discovered(mock: TestMock, kind: string): SchemaView {
  const credentials = kind === 'shopify' ? { apiKey: 'shpat_example_key' } : SQL.has(kind) ? POSTGRES_CREDENTIALS : undefined;
  const connected = mock.call('POST', `/api/v1/integrations/${kind}/connect`, { body: credentials && { credentials } });
  const consent = connected.body?.data?.oauthUrl ? new URL(connected.body.data.oauthUrl) : undefined;
  if (consent) expect(mock.call('POST', `/__mock/oauth/consent?state=${consent.searchParams.get('state')}&decision=approve`, { key: null }).status).toBeLessThan(400);
  expect(mock.call('POST', `/api/v1/integrations/${kind}/discover`).status).toBe(200);
  return mock.call('GET', `/api/v1/integrations/${kind}/schema`).body.data;
}

let names = 0;
const bind = (mock: TestMock, kind: string, body: BindingBody) =>
  mock.call('POST', `/api/v1/agents/agt_acme_demo/integrations/${kind}/bindings`, { body: { ...body, toolName: `${body.toolName}_${++names}` } }).status;

describe('binding builders', () => {
  it.each(KINDS)('should build only reads, joins and writes the mock accepts on its %s schema', async (kind) => {
    const mock = await createTestMock();
    const schema = discovered(mock, kind);
    const sql = SQL.has(kind);
    const reads = readBindings(schema, 'read', sql);
    expect(reads.length).toBeGreaterThan(0);
    for (const { body } of reads) expect(bind(mock, kind, body), JSON.stringify(body)).toBe(201);
    for (let pick = 0; pick < 6; pick++) {
      const join = joinReadBinding(schema, 'join', pick, sql);
      expect(join?.projection?.some((p) => p.path.length === 2)).toBe(true);
      expect(bind(mock, kind, join!), JSON.stringify(join)).toBe(201);
    }
    for (const consts of [false, true]) {
      for (const write of writeBindings(schema, 'write', sql, consts)) {
        // A SQL write's two forms: exactly the one that fits the operation is accepted.
        const statuses = write.forms.map((form) => bind(mock, kind, form));
        expect(statuses.filter((status) => status === 201), `${write.operation.name} ${statuses.join(' ')}`).toHaveLength(1);
      }
    }
  });

  it('should filter a postgres read through sqlSearch alone, on an indexed column of its table', () => {
    const schema = discoverProviderSchema('postgres');
    for (const { body, object } of readBindings(schema, 'read', true)) {
      expect(body.inputs).toBeUndefined();
      expect(object.fields.find((f) => f.name === body.sqlSearch?.column)?.indexed).toBe(true);
    }
  });

  it('should send a postgres write as an insert and as an update found by its primary key', () => {
    const writes = writeBindings(discoverProviderSchema('postgres'), 'write', true, false);
    const update = writes.find((w) => w.operation.name === 'update_services')!;
    expect(update.forms.map((form) => [form.keyColumn, form.keyParam])).toEqual([[undefined, undefined], ['id', 'value_0']]);
    expect(update.forms[1]!.inputObjectMap).toEqual([{ field: 'id', param: 'value_0' }]);
  });

  it('should leave out a write that must bind a personal-data field, or a field whose class the schema does not give', () => {
    const schema = discoverProviderSchema('postgres');
    const names = writeBindings(schema, 'write', true, false).map((w) => w.operation.name);
    expect(names).toContain('insert_services');
    expect(names).not.toContain('insert_customers'); // its email is required and holds personal data
    const unclassified = structuredClone(schema) as SchemaView;
    for (const object of unclassified.objects) for (const field of object.fields) delete field.piiClass;
    expect(writeBindings(unclassified, 'write', true, false)).toEqual([]);
  });

  it('should bind a constant only to a field of a type the contract names, never to a key', () => {
    const schema: SchemaView = {
      objects: [{ name: 'rows', fields: [{ name: 'id', type: 'string', primaryKey: true, piiClass: null }, { name: 'n', type: 'integer', piiClass: null }, { name: 'odd', type: 'constructor', piiClass: null }] }],
      operations: [{ name: 'putRow', object: 'rows', type: 'write', arguments: ['id', 'n', 'odd'].map((field) => ({ name: field, field, required: true })) }],
    };
    const [write] = writeBindings(schema, 'write', false, true);
    expect(write!.forms[0]!.inputObjectMap).toEqual([{ field: 'id', param: 'value_0' }, { field: 'n', const: 1 }, { field: 'odd', param: 'value_2' }]);
  });

  it("should count a join's target table and columns among what a binding touches", () => {
    const schema = discoverProviderSchema('postgres');
    const body: BindingBody = { toolName: 't', operation: 'search_appointments', sqlSearch: { column: 'id', param: 'p' }, projection: [{ path: ['customer_id', 'first_name'], leaf: 'x' }] };
    const touched = touchedBy(schema, body);
    expect(touched.tables).toEqual(['appointments', 'customers']);
    expect(touched.columns).toEqual(expect.arrayContaining([columnKey('appointments', 'id'), columnKey('appointments', 'customer_id'), columnKey('customers', 'id'), columnKey('customers', 'first_name')]));
  });
});
