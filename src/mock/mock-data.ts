import type { BindingRequest } from './binding-validation.js';
import type { AuthType, IntegrationKind } from './types.js';

/**
 * What a mock starts with: the built-in set below, or a `--data` file of the same shape. Tests and frontend
 * developers rely on these exact values (see the README). The same shape, keys redacted, is what
 * `GET /__mock/state` shows and `PUT /__mock/state` and a `--state` file take back (`src/mock/state/`).
 */
export interface MockData {
  orgs: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; org: string; name?: string }>;
  keys: Array<{ token: string; org: string; scopes: string[]; name?: string }>;
  /** org id → its connections, at most one per kind. */
  connections?: Record<string, DataConnection[]>;
  /** agent id → its skills, in creation order. */
  skills?: Record<string, DataSkill[]>;
  /** Shown by `GET /__mock/state`; a consent link is never restored, so this is ignored. */
  pendingAuthorizations?: number;
}

/**
 * A connection to start with. Only `kind` is needed: `status` defaults to `connected` (an OAuth kind may be
 * `pending`), and `discovered: true` (or a `discoveredAt`) gives it the kind's built-in schema. Missing
 * times are the time of the (re)start. Credentials are never given: at most the names of their fields.
 */
export interface DataConnection {
  kind: IntegrationKind;
  status?: 'pending' | 'connected';
  authType?: AuthType;
  discovered?: boolean;
  createdAt?: string;
  updatedAt?: string;
  connectedAt?: string | null;
  discoveredAt?: string | null;
  credentials?: { fields: string[] } | null;
  /** The scoping endpoint's PATCH body. */
  scoping?: { blockedTables?: string[]; blockedColumns?: Record<string, string[]> };
}

/**
 * A skill to start with: a recipe (exactly one of `binding`, the bindings endpoint's body; `provision`, the
 * provision endpoint's; `pack: true`), made as that endpoint makes it, or a skill as `GET /__mock/state`
 * shows it, rebuilt from its `executionConfig` with its own id and times.
 */
export type DataSkill = SkillRecipe | SavedSkill;

export interface SkillRecipe {
  kind: IntegrationKind;
  binding?: BindingRequest;
  provision?: { actions?: string[] };
  pack?: true;
}

export interface SavedSkill {
  id: string;
  agentId: string;
  organizationId: string;
  name: string;
  description?: string;
  isWrite: boolean;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  executionConfig: { transport: string; kind: IntegrationKind; [setting: string]: unknown };
  /** The rest of the contract's `Skill` (parametersSchema, gates, …): derived, so rebuilt rather than read. */
  [derived: string]: unknown;
}

export function isSavedSkill(skill: DataSkill): skill is SavedSkill {
  return Object.hasOwn(skill, 'id');
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
