import { problem, type Problem } from './problems.js';
import { randomHex } from './random.js';
import type { Agent, Store, StoredSkill } from './store.js';

/** The types an action, preset or binding parameter may take (the contract's `ActionParameter.type`). */
export type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export interface SkillParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly required: boolean;
  readonly description?: string;
}

export function param(name: string, type: ParameterType, required: boolean, description?: string): SkillParameter {
  return description === undefined ? { name, type, required } : { name, type, required, description };
}

/**
 * What a skill does to the provider's data, which decides its gates: a read runs freely; a write asks for
 * confirmation and never runs in parallel; a write that changes or removes an existing record also asks for
 * the caller's verified identity ("verified-identity for update/delete").
 */
export type Effect = 'read' | 'create' | 'change';

/** Everything that tells one skill from another; the id, owner, gates and timestamps are filled in here. */
export interface SkillSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly SkillParameter[];
  readonly executionConfig: Readonly<Record<string, unknown>>;
  readonly dataEgressMap?: Readonly<Record<string, string>>;
  readonly allowedFields?: readonly string[];
  readonly effect: Effect;
  /** Asked to start enabled. Only a read may: a write always lands disabled, for review. */
  readonly enabled: boolean;
  readonly expectedLatencyMs: number;
}

const JSON_TYPES: Readonly<Record<ParameterType, Readonly<Record<string, string>>>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

/**
 * Creates the skill on the agent and returns it. Bindings, provisioned actions, pack presets and auto-bound
 * goals all come through here, so every skill has the contract's `Skill` shape and the same gates.
 */
export function addSkill(store: Store, agent: Agent, spec: SkillSpec, now: string): StoredSkill {
  const id = `skl_${randomHex(8)}`;
  const isWrite = spec.effect !== 'read';
  const required = spec.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  const properties = Object.fromEntries(
    spec.parameters.map((parameter) => [
      parameter.name,
      { ...JSON_TYPES[parameter.type], ...(parameter.description ? { description: parameter.description } : {}) },
    ]),
  );
  const body = {
    id,
    agentId: agent.id,
    organizationId: agent.orgId,
    name: spec.name,
    description: spec.description,
    parametersSchema: { type: 'object', properties, required },
    requiredParams: required,
    executionConfig: spec.executionConfig,
    dataEgressMap: spec.dataEgressMap ?? {},
    allowedFields: spec.allowedFields ?? [],
    isWrite,
    requiresVerifiedIdentity: spec.effect === 'change',
    requiresConfirmation: isWrite,
    nonParallelizable: isWrite,
    channels: ['phone', 'chat'],
    errorHandling: {},
    isEnabled: !isWrite && spec.enabled,
    expectedLatencyMs: spec.expectedLatencyMs,
    createdAt: now,
    updatedAt: now,
  };
  const skill: StoredSkill = { id, agentId: agent.id, name: spec.name, body };
  store.addSkill(skill);
  return skill;
}

/**
 * The agents' skills of the specs' names, each created if the agent has none. A skill this same action or
 * preset made before is answered as it is, `created: false` (re-running is idempotent). A skill of one of
 * those names made from anything else (a binding, say) is not the action's: the 409 duplicate-name problem,
 * and nothing is created.
 */
export function installOnce(store: Store, agent: Agent, specs: readonly SkillSpec[], now: string): Array<{ skill: Record<string, unknown>; created: boolean }> | Problem {
  const taken = specs.find((spec) => {
    const existing = store.skillNamed(agent.id, spec.name);
    return existing && JSON.stringify(existing.body.executionConfig) !== JSON.stringify(spec.executionConfig);
  });
  if (taken) return problem('duplicate_tool_name', `Agent ${agent.id} already has a skill named "${taken.name}" that this did not create.`);
  return specs.map((spec) => {
    const existing = store.skillNamed(agent.id, spec.name);
    return existing ? { skill: existing.body, created: false } : { skill: addSkill(store, agent, spec, now).body, created: true };
  });
}
