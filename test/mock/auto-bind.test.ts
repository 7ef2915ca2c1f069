import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS, type Reply, type TestMock } from '../support/test-mock.js';
import { connectOAuth, connectShopify, fieldsOf } from './connections.js';

const AUTO = (kind: string, agent = 'agt_acme_demo') => `/api/v1/agents/${agent}/integrations/${kind}/bindings/auto`;
const GOAL = 'Look up a customer by their email address';

/** What the skill binds, without its id and timestamps. */
const bindingOf = (reply: Reply) => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = reply.body.data;
  return rest;
};

describe('auto-bind', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  const auto = (body: unknown, kind = 'postgres', agent?: string) => mock.call('POST', AUTO(kind, agent), { body });

  it('should bind the read the goal names, with a SQL filter on the column it names, as a draft', () => {
    connectAndDiscoverPostgres(mock);
    const reply = auto({ goal: GOAL });
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      name: 'search_customers',
      description: GOAL,
      isWrite: false,
      isEnabled: false,
      requiredParams: ['email'],
      executionConfig: { transport: 'native_sql', kind: 'postgres', operation: 'search_customers', sqlSearch: { column: 'email', param: 'email' } },
    });
    expect(reply.body.data.allowedFields).toContain('customers.email');
  });

  it('should be deterministic: the same goal on fresh mocks binds the same way', async () => {
    const runs: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await createTestMock();
      connectAndDiscoverPostgres(fresh);
      runs.push(bindingOf(fresh.call('POST', AUTO('postgres'), { body: { goal: 'which staff member has this email' } })));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]).toMatchObject({ executionConfig: { operation: 'search_staff' } });
  });

  it('should save what the bindings endpoint would accept', () => {
    connectAndDiscoverPostgres(mock);
    for (const goal of [GOAL, 'appointments starting at a time', 'payments of an appointment']) {
      const { executionConfig } = auto({ goal, toolName: `auto_${goal.length}` }).body.data;
      const { inputs, projection, sqlSearch, operation } = executionConfig;
      const copy = mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/postgres/bindings', {
        body: { toolName: `copy_${goal.length}`, operation, ...(inputs.length ? { inputs } : {}), projection, ...(sqlSearch ? { sqlSearch } : {}) },
      });
      expect(copy.status, goal).toBe(201);
    }
  });

  it('should bind required arguments as inputs for a provider that is not SQL', () => {
    connectShopify(mock);
    mock.call('POST', '/api/v1/integrations/shopify/discover');
    const order = auto({ goal: 'Find an order by its number' }, 'shopify');
    expect(order.body.data).toMatchObject({ name: 'find_order', requiredParams: ['order_number'], executionConfig: { transport: 'native_rest', operation: 'findOrder' } });
    const products = auto({ goal: 'search products products' }, 'shopify');
    expect(products.body.data.executionConfig.inputs).toEqual([{ param: 'query', argument: 'query' }]);
  });

  it('should never pick a blocked table or column', () => {
    connectAndDiscoverPostgres(mock);
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedColumns: { customers: ['email'] } } });
    const column = auto({ goal: GOAL, toolName: 'a' });
    expect(column.status).toBe(201);
    expect(column.body.data.allowedFields).not.toContain('customers.email');
    expect(column.body.data.executionConfig.sqlSearch.column).not.toBe('email');
    mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: ['customers'] } });
    const table = auto({ goal: GOAL, toolName: 'b' });
    expect(table.status).toBe(201);
    expect(table.body.data.allowedFields.some((field: string) => field.startsWith('customers.'))).toBe(false);
  });

  it('should never touch what scoping blocks, whatever the goal and the blocks', async () => {
    const schema = await (async () => {
      connectAndDiscoverPostgres(mock);
      return mock.call('GET', '/api/v1/integrations/postgres/schema').body.data as { objects: Array<{ name: string; fields: Array<{ name: string }> }> };
    })();
    const columns = schema.objects.flatMap((table) => table.fields.map((field) => [table.name, field.name] as const));
    const words = [...new Set(columns.flatMap(([table, column]) => [table, ...column.split('_')]))];
    const input = fc.record({
      goal: fc.array(fc.constantFrom(...words, 'find', 'the', 'by'), { minLength: 1, maxLength: 5 }).map((list) => list.join(' ')),
      tables: fc.subarray(schema.objects.map((table) => table.name)),
      blocked: fc.subarray(columns.map(([table, column]) => `${table}.${column}`), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(input, ({ goal, tables, blocked }) => {
        mock.call('POST', '/__mock/reset', { key: null });
        connectAndDiscoverPostgres(mock);
        const blockedColumns: Record<string, string[]> = {};
        for (const entry of blocked) (blockedColumns[entry.split('.')[0]!] ??= []).push(entry.split('.')[1]!);
        mock.call('PATCH', '/api/v1/integrations/postgres/scoping', { body: { blockedTables: tables, blockedColumns } });
        const reply = auto({ goal });
        if (reply.status === 422) {
          expect(reply.body.code).toBe('goal_unmatched');
          return;
        }
        expect(reply.status).toBe(201);
        for (const field of reply.body.data.allowedFields as string[]) {
          expect(tables).not.toContain(field.split('.')[0]);
          expect(blocked).not.toContain(field);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it.each(['xyzzy plugh', 'find and search', 'the'])('should refuse the goal "%s", which matches nothing, with 422 naming goal', (goal) => {
    connectAndDiscoverPostgres(mock);
    const reply = auto({ goal });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('goal_unmatched');
    expect(fieldsOf(reply)).toEqual(['goal']);
    expect(mock.store.skills.size).toBe(0);
  });

  it('should take the toolName given, and refuse a taken one with 409 duplicate_tool_name', () => {
    connectAndDiscoverPostgres(mock);
    expect(auto({ goal: GOAL, toolName: 'find_customer' }).body.data.name).toBe('find_customer');
    expect(auto({ goal: GOAL }).status).toBe(201);
    const again = auto({ goal: GOAL });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate_tool_name');
  });

  it('should answer 409 until the kind is connected and discovered, and 404 for another org\'s agent', () => {
    expect(auto({ goal: GOAL }).body.code).toBe('integration_not_ready');
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    expect(auto({ goal: GOAL }).status).toBe(409);
    mock.call('POST', '/api/v1/integrations/postgres/discover');
    const foreign = auto({ goal: GOAL }, 'postgres', 'agt_globex_demo');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('agent_not_found');
  });

  it('should bind an OAuth provider once approved and discovered', () => {
    connectOAuth(mock, 'google_calendar');
    mock.call('POST', '/api/v1/integrations/google_calendar/discover');
    const reply = auto({ goal: 'list events events' }, 'google_calendar');
    expect(reply.body.data).toMatchObject({ name: 'list_events', requiredParams: ['calendar_id'], isEnabled: false });
  });

  it('should refuse a blank goal and unknown keys with 400, before anything else', () => {
    expect(fieldsOf(auto({ goal: '   ' }))).toEqual(['goal']);
    expect(fieldsOf(auto({ goal: GOAL, enabled: true }))).toEqual(['enabled']);
    expect(mock.call('POST', AUTO('postgres'), { key: KEYS.acmeReader, body: { goal: GOAL } }).status).toBe(403);
  });

  it('should show auto-bound skills in the mock state', () => {
    connectAndDiscoverPostgres(mock);
    const skill = auto({ goal: GOAL }).body.data;
    expect(mock.call('GET', '/__mock/state', { key: null }).body.data.skills.agt_acme_demo).toEqual([skill]);
  });
});
