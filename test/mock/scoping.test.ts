import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, type TestMock } from '../support/test-mock.js';

const SCOPING = '/api/v1/integrations/postgres/scoping';

describe('data scoping', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
    connectAndDiscoverPostgres(mock);
  });

  const patch = (body: unknown) => mock.call('PATCH', SCOPING, { body });
  const read = () => mock.call('GET', SCOPING).body.data;

  it('should start with no blocks', () => {
    expect(read()).toEqual({ blockedTables: [], blockedColumns: {} });
  });

  it('should replace the blocks each key names and keep the other kind', () => {
    patch({ blockedTables: ['payments'], blockedColumns: { customers: ['email'] } });
    expect(patch({ blockedTables: ['staff'] }).body.data).toEqual({ blockedTables: ['staff'], blockedColumns: { customers: ['email'] } });
    expect(patch({ blockedColumns: { staff: ['email'] } }).body.data).toEqual({ blockedTables: ['staff'], blockedColumns: { staff: ['email'] } });
    expect(read()).toEqual({ blockedTables: ['staff'], blockedColumns: { staff: ['email'] } });
  });

  it('should clear the blocks with empty lists', () => {
    patch({ blockedTables: ['payments'], blockedColumns: { customers: ['email'] } });
    expect(patch({ blockedTables: [], blockedColumns: {} }).body.data).toEqual({ blockedTables: [], blockedColumns: {} });
    patch({ blockedColumns: { customers: ['email'] } });
    expect(patch({ blockedColumns: { customers: [] } }).body.data.blockedColumns).toEqual({});
  });

  it('should make blocked tables and columns vanish from the schema and the objects', () => {
    patch({ blockedTables: ['payments'], blockedColumns: { customers: ['email', 'date_of_birth'] } });
    const schema = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data;
    const names = schema.objects.map((o: { name: string }) => o.name);
    expect(names).not.toContain('payments');
    const customers = schema.objects.find((o: { name: string }) => o.name === 'customers');
    expect(customers.fields.map((f: { name: string }) => f.name)).not.toEqual(expect.arrayContaining(['email']));
    expect(customers.fields.map((f: { name: string }) => f.name)).not.toContain('date_of_birth');
    expect(JSON.stringify(schema)).not.toMatch(/payments|date_of_birth/);
    expect(schema.operations.every((op: { object: string }) => op.object !== 'payments')).toBe(true);
    const objects = mock.call('GET', '/api/v1/integrations/postgres/objects?limit=100').body.data;
    expect(objects.map((o: { name: string }) => o.name)).not.toContain('payments');
    expect(objects.find((o: { name: string }) => o.name === 'customers').fieldCount).toBe(customers.fields.length);
  });

  it('should show everything again once the blocks are cleared', () => {
    const before = mock.call('GET', '/api/v1/integrations/postgres/schema').body.data;
    patch({ blockedTables: ['payments'], blockedColumns: { customers: ['email'] } });
    patch({ blockedTables: [], blockedColumns: {} });
    expect(mock.call('GET', '/api/v1/integrations/postgres/schema').body.data).toEqual(before);
  });

  it('should answer 404 on a kind the org has not connected', () => {
    expect(mock.call('PATCH', '/api/v1/integrations/mysql/scoping', { body: { blockedTables: ['x'] } }).status).toBe(404);
    expect(mock.call('GET', '/api/v1/integrations/mysql/scoping').status).toBe(404);
  });

  it('should refuse wrongly typed blocks, naming the field', () => {
    expect(patch({ blockedTables: 'payments' }).body.errors).toEqual([{ field: 'blockedTables', message: 'must be array' }]);
    expect(patch({ blockedColumns: { customers: [1] } }).body.errors[0].field).toBe('blockedColumns.customers[0]');
  });

  it('should keep a table named __proto__ as plain data, without touching any prototype', () => {
    const reply = mock.call('PATCH', SCOPING, { raw: '{"blockedColumns":{"__proto__":["polluted"]}}', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text).data.blockedColumns).toEqual(JSON.parse('{"__proto__":["polluted"]}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('0');
  });
});
