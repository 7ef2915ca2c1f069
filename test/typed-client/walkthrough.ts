/**
 * The documented Integrations flow, written as a frontend developer writes it: openapi-fetch's `createClient`
 * over the `paths` that openapi-typescript generates from openapi.yaml. It is never run; typed-client.test.ts
 * type-checks it under `tsc --strict` (see tsconfig.json here), and it must compile as ordinary code does:
 * no casts, no non-null assertions, narrowing only where the contract really offers alternatives.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '@generated/flowyte-openapi';

type Schemas = components['schemas'];
type Skill = Schemas['Skill'];
type SqlConnectionDescriptor = Schemas['SqlConnectionDescriptor'];

/** An error answer: RFC 9457 problem+json, or (a 400 may be either) the envelope with `errors[]`. */
type ApiError = Schemas['ProblemDetails'] | Schemas['ApiResponse_Void'];

function failure(step: string, error: ApiError): Error {
  const detail = 'detail' in error && typeof error.detail === 'string' ? error.detail : undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  const fields = (error.errors ?? []).map((entry) => `${entry.field ?? '(body)'}: ${entry.message ?? 'invalid'}`);
  return new Error([`${step}: ${detail ?? message ?? 'failed'}`, ...fields].join('\n'));
}

export async function walkthrough(
  baseUrl = 'http://127.0.0.1:4010/api/v1',
  apiKey = 'flowyte_sk_test_acme_admin',
  agentId = 'agt_acme_demo',
): Promise<string[]> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
  const log: string[] = [];

  // 1. Browse the catalog: what can be connected, how many actions each offers, which ship a pack.
  const catalog = await client.GET('/integrations/catalog');
  if (catalog.error) throw failure('catalog', catalog.error);
  for (const entry of catalog.data.data) {
    const pack = entry.hasPack ? ', with a Connector Pack' : '';
    log.push(`${entry.displayName} (${entry.authType}): ${entry.actionCount} actions${pack}`);
  }

  // 2. Connect an API-key provider.
  const shopify = await client.POST('/integrations/{kind}/connect', {
    params: { path: { kind: 'shopify' } },
    body: { credentials: { apiKey: 'shpat_example' } },
  });
  if (shopify.error) throw failure('connect shopify', shopify.error);
  if ('status' in shopify.data.data) log.push(`shopify: ${shopify.data.data.status}`);

  // 3. Connect an OAuth provider: the answer is the URL to send the user to.
  const calendar = await client.POST('/integrations/{kind}/connect', { params: { path: { kind: 'google_calendar' } } });
  if (calendar.error) throw failure('connect google_calendar', calendar.error);
  if ('oauthUrl' in calendar.data.data) {
    const consentUrl: string = calendar.data.data.oauthUrl;
    log.push(`open ${new URL(consentUrl).origin} to approve Google Calendar`);
  }

  // 4. A SQL database: test the descriptor, get least-privilege scripts, then connect.
  const descriptor: SqlConnectionDescriptor = {
    host: 'db.example.com',
    port: '5432',
    database: 'appdb',
    user: 'flowyte_readonly',
    password: 'correct horse battery staple',
    sslmode: 'verify-full',
    ca_pem: '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n',
  };
  const test = await client.POST('/integrations/{kind}/sql/test', {
    params: { path: { kind: 'postgres' } },
    body: { credentials: descriptor },
  });
  if (test.error) throw failure('test postgres', test.error);
  for (const check of test.data.data.checks) log.push(`${check.name}: ${check.status} ${check.message ?? ''}`.trim());
  if (!test.data.data.ok) return log;

  const scripts = await client.GET('/integrations/{kind}/sql/scripts', {
    params: { path: { kind: 'postgres' }, query: { database: 'appdb', tables: 'appointments,requests' } },
  });
  if (scripts.error) throw failure('sql scripts', scripts.error);
  log.push(scripts.data.data.readOnly.sql, scripts.data.data.write?.sql ?? '(no write script)');

  const postgres = await client.POST('/integrations/{kind}/connect', {
    params: { path: { kind: 'postgres' } },
    body: {
      credentials: {
        host: 'db.example.com',
        port: '5432',
        database: 'appdb',
        user: 'flowyte_readonly',
        password: scripts.data.data.generatedPassword,
        sslmode: 'require',
      },
    },
  });
  if (postgres.error) throw failure('connect postgres', postgres.error);

  // 5. The organization's connections.
  const connections = await client.GET('/integrations', { params: { query: { limit: 50 } } });
  if (connections.error) throw failure('connections', connections.error);
  for (const connection of connections.data.data) {
    const blocked = connection.scoping.blockedTableCount + connection.scoping.blockedColumnCount;
    log.push(`${connection.kind}: ${connection.status} since ${connection.connectedAt ?? 'never'}, ${blocked} blocks`);
  }

  // 6. A provider's actions, provisioned onto an agent as skills.
  const actions = await client.GET('/integrations/{kind}/actions', { params: { path: { kind: 'google_calendar' } } });
  if (actions.error) throw failure('actions', actions.error);
  const chosen = actions.data.data.filter((action) => action.important && !action.isWrite).map((action) => action.slug);
  const provisioned = await client.POST('/agents/{agentId}/integrations/{kind}/provision', {
    params: { path: { agentId, kind: 'google_calendar' } },
    body: { actions: chosen },
  });
  if (provisioned.error) throw failure('provision', provisioned.error);
  const firstSkill: string = provisioned.data.data[0].skill.name;
  const firstCreated: boolean = provisioned.data.data[0].created;
  log.push(`${firstSkill} ${firstCreated ? 'created' : 'already there'}`);

  // 7. A provider's preset skills, in one call.
  const pack = await client.POST('/agents/{agentId}/integrations/{kind}/pack/install', {
    params: { path: { agentId, kind: 'shopify' } },
  });
  if (pack.error) throw failure('install pack', pack.error);
  for (const { skill, created } of pack.data.data) log.push(`${skill.name}: ${created ? 'installed' : 'skipped'}`);

  // 8. Discover the database, read its schema, browse its objects page by page.
  const discovery = await client.POST('/integrations/{kind}/discover', { params: { path: { kind: 'postgres' } } });
  if (discovery.error) throw failure('discover', discovery.error);
  log.push(`${discovery.data.data.objectCount} objects, ${discovery.data.data.fieldCount} fields`);

  const schema = await client.GET('/integrations/{kind}/schema', { params: { path: { kind: 'postgres' } } });
  if (schema.error) throw failure('schema', schema.error);
  for (const object of schema.data.data.objects) {
    const keys = object.fields.filter((field) => field.primaryKey === true).map((field) => field.name);
    log.push(`${object.label ?? object.name}: ${object.fields.length} fields, key ${keys.join(', ') || 'none'}`);
  }
  const reads = schema.data.data.operations.filter((operation) => operation.type === 'read');

  let cursor: string | undefined;
  do {
    const page = await client.GET('/integrations/{kind}/objects', {
      params: { path: { kind: 'postgres' }, query: { q: 'cust', limit: 20, cursor } },
    });
    if (page.error) throw failure('objects', page.error);
    for (const object of page.data.data) log.push(`${object.name}: ${object.capabilities.join('/')}`);
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor !== undefined);

  // 9. Data scoping: what the agent must never see.
  const scoping = await client.PATCH('/integrations/{kind}/scoping', {
    params: { path: { kind: 'postgres' } },
    body: { blockedTables: ['staff'], blockedColumns: { customers: ['date_of_birth'] } },
  });
  if (scoping.error) throw failure('scoping', scoping.error);
  const blockedColumns: string[] = scoping.data.data.blockedColumns.customers ?? [];
  log.push(`blocked: ${scoping.data.data.blockedTables.join(', ')}; customers.${blockedColumns.join(', customers.')}`);

  // 10. Bind a discovered read as a skill (one filter on an indexed column), then one from a goal.
  const operation = reads[0]?.name ?? 'findCustomersByEmail';
  const binding = await client.POST('/agents/{agentId}/integrations/{kind}/bindings', {
    params: { path: { agentId, kind: 'postgres' } },
    body: {
      toolName: 'find_customer',
      operation,
      description: 'Find a customer by email.',
      enabled: true,
      sqlSearch: { column: 'email', param: 'email' },
      projection: [
        { path: ['name'], leaf: 'name' },
        { path: ['id'], leaf: 'customerId' },
      ],
    },
  });
  if (binding.error) throw failure('bind', binding.error);
  const bound: Skill = binding.data.data;
  log.push(`${bound.name}: ${bound.isEnabled ? 'enabled' : 'draft'}, reads ${(bound.allowedFields ?? []).join(', ')}`);

  const auto = await client.POST('/agents/{agentId}/integrations/{kind}/bindings/auto', {
    params: { path: { agentId, kind: 'postgres' } },
    body: { goal: 'Look up a customer by their email address' },
  });
  if (auto.error) throw failure('auto-bind', auto.error);
  log.push(`${auto.data.data.name}: ${auto.data.data.requiredParams?.join(', ') ?? 'no parameters'}`);

  return log;
}

/** A skill as a frontend keeps one in a fixture: the free-form objects take any JSON. */
export const skillFixture: Skill = {
  id: 'skl_2d6f8a0c4e1b9735',
  agentId: 'agt_acme_demo',
  organizationId: 'org_acme',
  name: 'find_customer',
  description: 'Find a customer by email.',
  parametersSchema: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, limit: { type: 'integer', minimum: 1 } },
    required: ['email'],
  },
  requiredParams: ['email'],
  executionConfig: {
    transport: 'native_sql',
    kind: 'postgres',
    operation: 'findCustomersByEmail',
    sqlSearch: { column: 'email', param: 'email' },
    timeoutMs: 3000,
    retry: null,
  },
  dataEgressMap: { name: 'customers.name' },
  allowedFields: ['customers.email', 'customers.name'],
  isWrite: false,
  requiresVerifiedIdentity: false,
  requiresConfirmation: false,
  nonParallelizable: false,
  channels: ['phone', 'chat'],
  errorHandling: { onTimeout: { say: 'One moment, please.' } },
  isEnabled: true,
  expectedLatencyMs: 40,
  createdAt: '2026-11-02T10:01:00Z',
  updatedAt: '2026-11-02T10:01:00Z',
};
