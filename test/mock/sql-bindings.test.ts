import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, type TestMock } from '../support/test-mock.js';
import { connectOAuth, connectShopify, fieldsOf } from './connections.js';

const BINDINGS = (kind = 'postgres') => `/api/v1/agents/agt_acme_demo/integrations/${kind}/bindings`;
const SEARCH = { toolName: 'find_customer', operation: 'search_customers', sqlSearch: { column: 'email', param: 'caller_email' }, projection: [{ path: ['first_name'], leaf: 'name' }] };
const UPDATE = { toolName: 'rename_customer', operation: 'update_customers', isWrite: true, keyColumn: 'id', keyParam: 'customer_id', inputObjectMap: [{ field: 'first_name', param: 'first_name' }] };

describe('SQL bindings: sqlSearch, keyColumn and keyParam', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
    connectAndDiscoverPostgres(mock);
  });

  const bind = (body: unknown, kind?: string) => mock.call('POST', BINDINGS(kind), { body });
  const refusal = (body: unknown, kind?: string) => {
    const reply = bind(body, kind);
    expect(reply.status).toBe(422);
    return { code: reply.body.code, fields: fieldsOf(reply) };
  };
  const block = (blockedColumns: Record<string, string[]>) => mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedColumns } });

  it('should mark unique columns in the schema', () => {
    const customers = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data.objects.find((o: { name: string }) => o.name === 'customers');
    const unique = Object.fromEntries(customers.fields.map((f: { name: string; unique: boolean; indexed: boolean }) => [f.name, [f.unique, f.indexed]]));
    expect(unique).toMatchObject({ id: [false, true], email: [true, true], first_name: [false, false] });
  });

  it('should bind a read by sqlSearch, its param the skill\'s one parameter', () => {
    const reply = bind(SEARCH);
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({ requiredParams: ['caller_email'], executionConfig: { sqlSearch: SEARCH.sqlSearch, inputs: [] } });
    expect(reply.body.data.allowedFields).toEqual(expect.arrayContaining(['customers.email', 'customers.first_name']));
  });

  it('should refuse sqlSearch on a provider that is not SQL, naming sqlSearch', () => {
    connectShopify(mock);
    mock.call('POST', '/api/v1/integrations/shopify/discover');
    const body = { toolName: 't', operation: 'findCustomer', sqlSearch: { column: 'email', param: 'e' }, inputs: [{ param: 'e', argument: 'email' }] };
    expect(refusal(body, 'shopify')).toEqual({ code: 'binding_invalid', fields: ['sqlSearch'] });
  });

  it('should refuse sqlSearch on a write, naming sqlSearch', () => {
    const body = { toolName: 't', operation: 'insert_requests', isWrite: true, sqlSearch: { column: 'id', param: 'id' }, inputObjectMap: [{ field: 'customer_id', param: 'c' }, { field: 'subject', param: 's' }, { field: 'body', param: 'b' }, { field: 'created_at', const: 'now' }] };
    expect(refusal(body)).toEqual({ code: 'binding_invalid', fields: ['sqlSearch'] });
  });

  it('should refuse a sqlSearch column that is missing, not indexed or blocked, naming sqlSearch.column', () => {
    expect(refusal({ ...SEARCH, sqlSearch: { column: 'shoe_size', param: 'p' } })).toEqual({ code: 'binding_invalid', fields: ['sqlSearch.column'] });
    expect(refusal({ ...SEARCH, sqlSearch: { column: 'last_name', param: 'p' } })).toEqual({ code: 'binding_invalid', fields: ['sqlSearch.column'] });
    block({ customers: ['email'] });
    expect(refusal(SEARCH)).toEqual({ code: 'blocked_by_scoping', fields: ['sqlSearch.column'] });
  });

  it('should refuse inputs beside sqlSearch, naming inputs', () => {
    expect(refusal({ ...SEARCH, inputs: [{ param: 'p', argument: 'phone' }] })).toEqual({ code: 'binding_invalid', fields: ['inputs'] });
  });

  it('should bind an update by a unique key, keyParam a required parameter, gated', () => {
    const reply = bind(UPDATE);
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      requiredParams: ['first_name', 'customer_id'],
      isWrite: true,
      isEnabled: false,
      requiresVerifiedIdentity: true,
      executionConfig: { keyColumn: 'id', keyParam: 'customer_id' },
    });
  });

  it('should name the missing partner when keyColumn or keyParam comes alone', () => {
    const { keyParam: _p, ...columnOnly } = UPDATE;
    const { keyColumn: _c, ...paramOnly } = UPDATE;
    expect(refusal(columnOnly).fields).toEqual(['keyParam']);
    expect(refusal(paramOnly).fields).toEqual(['keyColumn']);
  });

  it('should refuse a keyColumn that is missing, neither the key nor unique, or blocked, naming keyColumn', () => {
    expect(refusal({ ...UPDATE, keyColumn: 'shoe_size' })).toEqual({ code: 'binding_invalid', fields: ['keyColumn'] });
    expect(refusal({ ...UPDATE, keyColumn: 'last_name' })).toEqual({ code: 'binding_invalid', fields: ['keyColumn'] });
    block({ customers: ['email'] });
    expect(refusal({ ...UPDATE, keyColumn: 'email' })).toEqual({ code: 'blocked_by_scoping', fields: ['keyColumn'] });
  });

  it('should refuse keyColumn on anything but a SQL update, naming keyColumn', () => {
    const insert = { ...UPDATE, operation: 'insert_requests', inputObjectMap: [{ field: 'customer_id', param: 'c' }, { field: 'subject', param: 's' }, { field: 'body', param: 'b' }, { field: 'created_at', const: 'now' }] };
    expect(refusal(insert).fields).toEqual(['keyColumn']);
    expect(refusal({ ...SEARCH, keyColumn: 'email', keyParam: 'e' }).fields).toEqual(['keyColumn']);
    connectOAuth(mock, 'google_calendar');
    mock.call('POST', '/api/v1/integrations/google_calendar/discover');
    const event = { toolName: 'move', operation: 'updateEvent', isWrite: true, keyColumn: 'id', keyParam: 'event_id', inputObjectMap: [{ field: 'id', param: 'event_id' }, { field: 'start', param: 'start' }] };
    expect(refusal(event, 'google_calendar').fields).toEqual(['keyColumn']);
  });

  it('should refuse a SQL update without keyColumn and keyParam ("an UPDATE-by-unique-key"), naming keyColumn', () => {
    const { keyColumn: _c, keyParam: _p, ...plain } = UPDATE;
    expect(refusal(plain).fields).toContain('keyColumn');
  });

  it('should refuse a personal-data column as the key of an update ("PII-classed columns are rejected"), naming keyColumn', () => {
    expect(refusal({ ...UPDATE, keyColumn: 'email' })).toEqual({ code: 'binding_invalid', fields: ['keyColumn'] });
  });

  it('should refuse a write that maps a PII column, naming inputObjectMap[i].field', () => {
    const reply = refusal({ ...UPDATE, inputObjectMap: [{ field: 'first_name', param: 'n' }, { field: 'phone', param: 'p' }] });
    expect(reply).toEqual({ code: 'binding_invalid', fields: ['inputObjectMap[1].field'] });
  });
});
