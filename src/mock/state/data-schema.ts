import { PROVIDERS } from '../catalog.js';
import { BINDING_REQUEST_SCHEMA } from './binding-body-schema.js';

// Reserved kinds cannot be connected through the API, so a data file cannot start with one either.
const LIVE_KINDS = Object.values(PROVIDERS)
  .filter((provider) => provider.live)
  .map((provider) => provider.kind);

const STRING = { type: 'string' } as const;
const BOOLEAN = { type: 'boolean' } as const;
const NAMES = { type: 'array', items: STRING } as const;
const TIMESTAMP = { type: 'string', format: 'date-time' } as const;
const TIMESTAMP_OR_NULL = { type: ['string', 'null'], format: 'date-time' } as const;
const binding = BINDING_REQUEST_SCHEMA.properties;

/** The scoping endpoint's PATCH body: table names, and table → column names. */
const SCOPING = {
  type: 'object',
  additionalProperties: false,
  properties: { blockedTables: NAMES, blockedColumns: { type: 'object', additionalProperties: NAMES } },
} as const;

const CONNECTION = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { enum: LIVE_KINDS },
    status: { enum: ['pending', 'connected'] },
    authType: { enum: ['oauth2', 'api_key', 'sql'] },
    discovered: BOOLEAN,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
    connectedAt: TIMESTAMP_OR_NULL,
    discoveredAt: TIMESTAMP_OR_NULL,
    // Field names only: a closed object, so that a credential value given here is refused, never kept.
    credentials: {
      type: ['object', 'null'],
      required: ['fields'],
      additionalProperties: false,
      properties: { fields: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' } } },
    },
    scoping: SCOPING,
  },
} as const;

/** A skill made as the bindings, provision or pack-install endpoint makes one (exactly one of the three). */
const SKILL_RECIPE = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { enum: LIVE_KINDS },
    binding: BINDING_REQUEST_SCHEMA,
    provision: { type: 'object', additionalProperties: false, properties: { actions: NAMES } },
    pack: { enum: [true] },
  },
} as const;

const transportIs = (...transports: string[]) => ({ required: ['transport'], properties: { transport: { enum: transports } } });

/** How a saved skill runs: what it is rebuilt from. A binding's settings are the binding body's. */
const EXECUTION_CONFIG = {
  type: 'object',
  required: ['transport', 'kind'],
  properties: {
    transport: { enum: ['native_action', 'connector_pack', 'native_rest', 'native_sql'] },
    kind: { enum: LIVE_KINDS },
  },
  allOf: [
    { if: transportIs('native_action'), then: { required: ['action'], properties: { action: STRING, operatorConfig: { type: 'object' } } } },
    { if: transportIs('connector_pack'), then: { required: ['preset'], properties: { preset: STRING } } },
    {
      if: transportIs('native_rest', 'native_sql'),
      then: {
        required: ['operation'],
        properties: {
          operation: binding.operation,
          inputs: binding.inputs,
          inputObjectMap: binding.inputObjectMap,
          projection: binding.projection,
          sqlSearch: binding.sqlSearch,
          keyColumn: binding.keyColumn,
          keyParam: binding.keyParam,
        },
      },
    },
  ],
} as const;

/** A skill as `GET /__mock/state` shows it (the contract's `Skill`). */
const SAVED_SKILL = {
  type: 'object',
  required: ['id', 'agentId', 'organizationId', 'name', 'isWrite', 'isEnabled', 'createdAt', 'updatedAt', 'executionConfig'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^skl_[A-Za-z0-9_]{1,64}$' },
    agentId: STRING,
    organizationId: STRING,
    name: binding.toolName,
    description: binding.description,
    isWrite: BOOLEAN,
    isEnabled: BOOLEAN,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
    executionConfig: EXECUTION_CONFIG,
    // Derived from the fields above and rebuilt on restore; any value the contract's Skill allows passes.
    parametersSchema: { type: 'object' },
    requiredParams: NAMES,
    dataEgressMap: { type: 'object' },
    allowedFields: NAMES,
    requiresVerifiedIdentity: BOOLEAN,
    requiresConfirmation: BOOLEAN,
    nonParallelizable: BOOLEAN,
    channels: NAMES,
    errorHandling: { type: 'object' },
    expectedLatencyMs: { type: 'integer' },
  },
} as const;

/**
 * The JSON Schema a data file, a `PUT /__mock/state` body and a `--state` file must satisfy (checked by
 * check-shape.ts; the cross-references, such as an agent's org, are checked after it by compile-seed.ts). A
 * key's token is whole, or redacted as `GET /__mock/state` shows it (`flowyte_sk_…dmin`): only a snapshot may
 * give that.
 */
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
        properties: { id: { type: 'string', minLength: 1 }, name: STRING },
      },
    },
    agents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'org'],
        additionalProperties: false,
        properties: { id: { type: 'string', minLength: 1, maxLength: 128 }, org: STRING, name: STRING },
      },
    },
    keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['token', 'org', 'scopes'],
        additionalProperties: false,
        properties: {
          token: { type: 'string', pattern: '^flowyte_sk_(?:[A-Za-z0-9_]+|…[A-Za-z0-9_]{0,4})$' },
          org: STRING,
          scopes: NAMES,
          name: STRING,
        },
      },
    },
    connections: { type: 'object', additionalProperties: { type: 'array', items: CONNECTION } },
    skills: {
      type: 'object',
      additionalProperties: { type: 'array', items: { if: { required: ['id'] }, then: SAVED_SKILL, else: SKILL_RECIPE } },
    },
    pendingAuthorizations: { type: 'integer', minimum: 0 },
  },
} as const;
