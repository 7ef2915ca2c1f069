/**
 * The organizations, agents and keys a mock starts with: the built-in set below, or a `--data` file of
 * the same shape. Tests and frontend developers rely on these exact values (see the README).
 */
export interface MockData {
  orgs: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; org: string; name?: string }>;
  keys: Array<{ token: string; org: string; scopes: string[]; name?: string }>;
}

const ADMIN_SCOPES = ['integrations:read', 'integrations:write', 'integrations:connect', 'skills:write'];

export const BUILT_IN_DATA: MockData = {
  orgs: [
    { id: 'acme', name: 'Acme Corp' },
    { id: 'globex', name: 'Globex Corporation' },
  ],
  agents: [
    { id: 'agt_acme_demo', org: 'acme', name: 'Acme front desk' },
    { id: 'agt_globex_demo', org: 'globex', name: 'Globex support line' },
  ],
  keys: [
    { name: 'acme_admin', token: 'flowyte_sk_test_acme_admin', org: 'acme', scopes: ADMIN_SCOPES },
    { name: 'acme_reader', token: 'flowyte_sk_test_acme_reader', org: 'acme', scopes: ['integrations:read'] },
    {
      name: 'acme_author',
      token: 'flowyte_sk_test_acme_author',
      org: 'acme',
      scopes: ['integrations:read', 'integrations:write', 'skills:write'],
    },
    { name: 'globex_admin', token: 'flowyte_sk_test_globex_admin', org: 'globex', scopes: ADMIN_SCOPES },
  ],
};

/** A key's label: its name, or its place (`key_1`, …) — a token is a secret and must not double as a label. */
export function keyName(key: MockData['keys'][number], index: number): string {
  return key.name ?? `key_${index + 1}`;
}

/**
 * A `flowyte-contract test` config for this data, pointing at `target`: every key, and the first agent of
 * each org. `mock --print-config` prints it; our own tests and benchmarks use it too.
 */
export function testConfigOf(data: MockData, target: string) {
  const agents: Record<string, string> = {};
  for (const agent of data.agents) agents[agent.org] ??= agent.id;
  const keys = data.keys.map((key, index) => ({ name: keyName(key, index), token: key.token, org: key.org, scopes: key.scopes }));
  return { target, keys, agents };
}

/** The JSON Schema a `--data` file must satisfy (checked with ajv when the file is loaded). */
export const MOCK_DATA_SCHEMA = {
  type: 'object',
  required: ['orgs', 'agents', 'keys'],
  additionalProperties: false,
  properties: {
    orgs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' } },
      },
    },
    agents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'org'],
        additionalProperties: false,
        properties: { id: { type: 'string', minLength: 1, maxLength: 128 }, org: { type: 'string' }, name: { type: 'string' } },
      },
    },
    keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['token', 'org', 'scopes'],
        additionalProperties: false,
        properties: {
          token: { type: 'string', pattern: '^flowyte_sk_[A-Za-z0-9_]+$' },
          org: { type: 'string' },
          scopes: { type: 'array', items: { type: 'string' } },
          name: { type: 'string' },
        },
      },
    },
  },
} as const;
