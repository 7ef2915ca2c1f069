import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';

const BINDINGS = '/api/v1/agents/agt_acme_demo/integrations/postgres/bindings';
const LOOKUP = {
  toolName: 'look_up_customer',
  operation: 'search_customers',
  inputs: [{ param: 'caller_phone', argument: 'phone' }],
  projection: [{ path: ['first_name'], leaf: 'customer_name' }, { path: ['email'], leaf: 'customer_email' }],
};

describe('bindings', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
    connectAndDiscoverPostgres(mock);
  });

  const bind = (body: unknown, key: string = KEYS.acmeAdmin, url = BINDINGS) => mock.call('POST', url, { key, body });
  const fields = (reply: { body: { errors: Array<{ field: string }> } }) => reply.body.errors.map((e) => e.field);

  it('should compile a read binding into a draft skill on the agent', () => {
    const reply = bind(LOOKUP, KEYS.acmeAuthor);
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      agentId: 'agt_acme_demo',
      organizationId: 'acme',
      name: 'look_up_customer',
      isWrite: false,
      isEnabled: false,
      requiredParams: ['caller_phone'],
      dataEgressMap: { customer_name: 'first_name', customer_email: 'email' },
    });
    expect(reply.body.data.id).toMatch(/^skl_/);
  });

  it('should enable a read when asked, and land a write disabled whatever it asks', () => {
    expect(bind({ ...LOOKUP, enabled: true }).body.data.isEnabled).toBe(true);
    const write = bind({
      toolName: 'log_request',
      operation: 'insert_requests',
      isWrite: true,
      enabled: true,
      inputObjectMap: [
        { field: 'customer_id', param: 'customer_id' },
        { field: 'subject', param: 'subject' },
        { field: 'body', param: 'body' },
        { field: 'created_at', const: 'now' },
      ],
    });
    expect(write.status).toBe(201);
    expect(write.body.data).toMatchObject({ isWrite: true, isEnabled: false, requiresConfirmation: true, nonParallelizable: true });
  });

  it('should refuse an operation, argument or field that does not exist, naming it', () => {
    expect(fields(bind({ ...LOOKUP, operation: 'findUnicorn' }))).toEqual(['operation']);
    expect(fields(bind({ ...LOOKUP, inputs: [{ param: 'p', argument: 'shoe_size' }] }))).toEqual(['inputs[0].argument']);
    const reply = bind({ ...LOOKUP, projection: [{ path: ['shoe_size'], leaf: 'x' }] });
    expect(reply.status).toBe(422);
    expect(fields(reply)).toEqual(['projection[0].path']);
  });

  it('should refuse a binding that touches a blocked column or table, naming what is blocked', () => {
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedColumns: { customers: ['email'] } } });
    const column = bind(LOOKUP);
    expect(column.status).toBe(422);
    expect(column.body.code).toBe('blocked_by_scoping');
    expect(column.body.errors).toEqual([{ field: 'projection[1].path', message: expect.stringContaining('customers.email') }]);
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['customers'] } });
    expect(bind(LOOKUP).body.errors[0].message).toContain('customers');
  });

  it('should refuse a join into a blocked table', () => {
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['staff'] } });
    const reply = bind({ toolName: 't', operation: 'search_appointments', inputs: [{ param: 'id', argument: 'id' }], projection: [{ path: ['staff_id', 'name'], leaf: 'staff_name' }] });
    expect(reply.body.code).toBe('blocked_by_scoping');
    expect(reply.body.errors[0].message).toContain('staff');
  });

  it('should follow a one-hop join when nothing is blocked', () => {
    const reply = bind({ toolName: 't', operation: 'search_appointments', inputs: [{ param: 'id', argument: 'id' }], projection: [{ path: ['customer_id', 'first_name'], leaf: 'name' }] });
    expect(reply.status).toBe(201);
    expect(reply.body.data.allowedFields).toEqual(expect.arrayContaining(['customers.first_name', 'appointments.customer_id']));
  });

  it('should refuse a write that maps a PII column or leaves a required field unbound', () => {
    const pii = bind({ toolName: 'w', operation: 'update_customers', isWrite: true, inputObjectMap: [{ field: 'id', param: 'id' }, { field: 'email', param: 'email' }] });
    expect(pii.status).toBe(422);
    expect(pii.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain('PII');
    const unbound = bind({ toolName: 'w', operation: 'insert_requests', isWrite: true, inputObjectMap: [{ field: 'subject', param: 's' }] });
    expect(fields(unbound)).toContain('inputObjectMap');
  });

  it('should refuse a write bound as a read, and a SQL read without exactly one filter', () => {
    expect(fields(bind({ toolName: 'w', operation: 'insert_requests', inputObjectMap: [] }))).toContain('isWrite');
    expect(fields(bind({ ...LOOKUP, inputs: [] }))).toEqual(['inputs']);
  });

  it('should refuse binding an operation that scoping hid by blocking its required argument', () => {
    mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey: 'k' } } });
    mock.call('POST', '/api/v1/integrations/shopify/discover');
    mock.call('PATCH', '/api/v1/integrations/shopify/scoping', { body: { blockedColumns: { products: ['title'] } } });
    const url = '/api/v1/agents/agt_acme_demo/integrations/shopify/bindings';
    const reply = bind({ toolName: 'search', operation: 'searchProducts', inputs: [] }, KEYS.acmeAdmin, url);
    expect(reply.body.code).toBe('blocked_by_scoping');
    expect(reply.body.errors[0].message).toContain('products.title');
  });

  it('should refuse a read that leaves a required argument unbound', () => {
    mock.call('POST', '/api/v1/integrations/shopify/connect', { body: { credentials: { apiKey: 'k' } } });
    mock.call('POST', '/api/v1/integrations/shopify/discover');
    const reply = bind({ toolName: 'search', operation: 'searchProducts' }, KEYS.acmeAdmin, '/api/v1/agents/agt_acme_demo/integrations/shopify/bindings');
    expect(fields(reply)).toEqual(['inputs']);
  });

  it('should refuse a malformed body with 400 naming the field', () => {
    expect(fields(bind({ operation: 'search_customers' }))).toEqual(['toolName']);
    expect(fields(bind({ ...LOOKUP, colour: 'red' }))).toEqual(['colour']);
    expect(bind({ ...LOOKUP, inputs: [{ param: 'p' }] }).status).toBe(400);
  });

  it('should refuse a second skill with the same toolName on the agent', () => {
    bind(LOOKUP);
    expect(bind(LOOKUP).status).toBe(409);
  });

  it('should answer 404 for another org\'s agent and 409 before the kind is connected and discovered', () => {
    expect(bind(LOOKUP, KEYS.acmeAdmin, '/api/v1/agents/agt_globex_demo/integrations/postgres/bindings').status).toBe(404);
    expect(bind(LOOKUP, KEYS.acmeAdmin, '/api/v1/agents/agt_acme_demo/integrations/mysql/bindings').status).toBe(409);
    mock.call('POST', '/api/v1/integrations/mysql/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    expect(bind(LOOKUP, KEYS.acmeAdmin, '/api/v1/agents/agt_acme_demo/integrations/mysql/bindings').status).toBe(409);
  });
});
