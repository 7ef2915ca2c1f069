import type { FieldError } from '../../validation/field-errors.js';
import { actionsOf } from '../actions.js';
import { bindingSkill } from '../binding-skill.js';
import { validateBinding, type BindingRequest } from '../binding-validation.js';
import { PROVIDERS } from '../catalog.js';
import { isSavedSkill, type DataSkill, type SavedSkill, type SkillRecipe } from '../mock-data.js';
import { presetsOf } from '../packs.js';
import { discoverProviderSchema } from '../provider-schemas.js';
import { actionSkill, presetSkill } from '../provisioned-skills.js';
import { emptyScoping } from '../scoping.js';
import type { SkillSpec } from '../skill-body.js';
import { isSqlKind, type IntegrationKind } from '../types.js';
import type { SeedConnection, SeedSkill } from './seed.js';

/** What compiling skills needs to know of the rest of the data, and where it reports. */
export interface SkillContext {
  /** agent id → its org */
  readonly agents: ReadonlyMap<string, string>;
  connection(orgId: string, kind: IntegrationKind): SeedConnection | undefined;
  readonly errors: FieldError[];
}

/**
 * Compiles each agent's skills in order, as the endpoints would have made them one after the other: a
 * recipe through the same checks as its endpoint (a binding against the discovered schema and the scoping
 * of the data's connection), a saved skill rebuilt from its `executionConfig`. A name is unique on an agent
 * and an id everywhere.
 */
export function compileSkills(skills: Readonly<Record<string, readonly DataSkill[]>>, context: SkillContext): SeedSkill[] {
  const compiled: SeedSkill[] = [];
  const ids = new Map<string, string>();
  for (const [agentId, list] of Object.entries(skills)) {
    const orgId = context.agents.get(agentId);
    if (orgId === undefined) {
      context.errors.push({ field: `skills.${agentId}`, message: `names the agent "${agentId}", which agents does not list` });
      continue;
    }
    const names = new Map<string, string>();
    list.forEach((skill, i) => {
      const where = `skills.${agentId}[${i}]`;
      if (isSavedSkill(skill)) {
        const first = ids.get(skill.id);
        if (first) context.errors.push({ field: `${where}.id`, message: `repeats the skill id of ${first}` });
        else ids.set(skill.id, where);
      }
      const made = isSavedSkill(skill) ? savedSkill(agentId, orgId, skill, where, context) : recipeSkills(orgId, skill, where, context);
      for (const spec of made) {
        const first = names.get(spec.spec.name);
        if (first) {
          context.errors.push({ field: where, message: `makes a skill named "${spec.spec.name}" as ${first} did: a name is unique on an agent` });
        } else {
          names.set(spec.spec.name, where);
          compiled.push({ ...spec, agentId });
        }
      }
    });
  }
  return compiled;
}

type Made = Omit<SeedSkill, 'agentId'>;

function recipeSkills(orgId: string, recipe: SkillRecipe, where: string, context: SkillContext): Made[] {
  const given = (['binding', 'provision', 'pack'] as const).filter((part) => recipe[part] !== undefined);
  if (given.length !== 1) {
    const found = given.length ? ` (it gives ${given.join(' and ')})` : '';
    context.errors.push({ field: where, message: `must give exactly one of binding, provision, pack${found}` });
    return [];
  }
  const { kind } = recipe;
  const connection = context.connection(orgId, kind);
  const refuse = (field: string, message: string): Made[] => {
    context.errors.push({ field: `${where}.${field}`, message });
    return [];
  };
  const needs = (what: string) => `${kind} must be ${what} for ${orgId} (under connections.${orgId}) first`;
  if (recipe.binding) {
    if (!connection?.discovered) return refuse('kind', needs('connected and discovered'));
    const sql = isSqlKind(kind);
    const verdict = validateBinding(discoverProviderSchema(kind), connection.scoping, recipe.binding, sql);
    if (verdict.kind !== 'valid') return verdict.errors.flatMap((error) => refuse(`binding.${error.field}`, error.message));
    return [{ spec: bindingSkill(kind, recipe.binding, verdict, sql) }];
  }
  if (recipe.provision) {
    if (connection?.status !== 'connected') return refuse('kind', needs('connected'));
    const bySlug = new Map(actionsOf(kind).map((action) => [action.slug, action]));
    const requested = recipe.provision.actions ?? [];
    const unknown = requested.flatMap((slug, j) => (bySlug.has(slug) ? [] : [{ slug, j }]));
    if (unknown.length) return unknown.flatMap(({ slug, j }) => refuse(`provision.actions[${j}]`, `${kind} has no action "${slug}"`));
    // As the provision endpoint: the actions asked for, each once, in that order; none asked: the important ones.
    const chosen = requested.length ? [...new Set(requested)].map((slug) => bySlug.get(slug)!) : [...bySlug.values()].filter((action) => action.important);
    return chosen.map((action) => ({ spec: actionSkill(kind, action) }));
  }
  const presets = presetsOf(kind);
  if (!presets.length) return refuse('pack', `${PROVIDERS[kind].displayName} ships no Connector Pack`);
  if (connection?.status !== 'connected') return refuse('kind', needs('connected'));
  return presets.map((preset) => ({ spec: presetSkill(kind, preset) }));
}

/**
 * A skill as `GET /__mock/state` showed it, rebuilt from what made it, with its own id and times; what is
 * derived (parameters, gates, allowed fields) is derived again. It needs no connection: disconnecting a
 * kind leaves its skills. A binding is checked against the kind's whole schema, since scoping set after it
 * was bound does not remove it either.
 */
function savedSkill(agentId: string, orgId: string, skill: SavedSkill, where: string, context: SkillContext): Made[] {
  const refuse = (field: string, message: string) => context.errors.push({ field: `${where}.${field}`, message });
  if (skill.agentId !== agentId) refuse('agentId', `must be ${agentId}, the agent it is listed under`);
  if (skill.organizationId !== orgId) refuse('organizationId', `must be ${orgId}, the org of ${agentId}`);
  const spec = specOf(skill, refuse);
  if (!spec) return [];
  if (spec.name !== skill.name) {
    refuse('name', `must be ${spec.name}, the name its ${skill.executionConfig.transport === 'connector_pack' ? 'preset' : 'action'} gives`);
    return [];
  }
  return [{ spec, saved: { id: skill.id, createdAt: skill.createdAt, updatedAt: skill.updatedAt } }];
}

function specOf(skill: SavedSkill, refuse: (field: string, message: string) => void): SkillSpec | undefined {
  const config = skill.executionConfig;
  const { kind } = config;
  switch (config.transport) {
    case 'native_action': {
      const action = actionsOf(kind).find((candidate) => candidate.slug === config.action);
      if (!action) refuse('executionConfig.action', `${kind} has no action "${String(config.action)}"`);
      return action && actionSkill(kind, action);
    }
    case 'connector_pack': {
      const preset = presetsOf(kind).find((candidate) => candidate.name === config.preset);
      if (!preset) refuse('executionConfig.preset', `${PROVIDERS[kind].displayName} has no pack preset "${String(config.preset)}"`);
      return preset && presetSkill(kind, preset);
    }
    default: {
      const sql = isSqlKind(kind);
      const transport = sql ? 'native_sql' : 'native_rest';
      if (config.transport !== transport) {
        refuse('executionConfig.transport', `must be ${transport} for ${kind}`);
        return undefined;
      }
      const request = bindingOf(skill);
      const verdict = validateBinding(discoverProviderSchema(kind), emptyScoping(), request, sql);
      if (verdict.kind === 'valid') return bindingSkill(kind, request, verdict, sql);
      for (const error of verdict.errors) refuse(error.field === 'isWrite' ? 'isWrite' : `executionConfig.${error.field}`, error.message);
      return undefined;
    }
  }
}

/** The bindings endpoint's body a saved binding skill was made from (its shape was checked with the data's). */
function bindingOf(skill: SavedSkill): BindingRequest {
  const config = skill.executionConfig as SavedSkill['executionConfig'] & Omit<BindingRequest, 'toolName' | 'description' | 'isWrite' | 'enabled'>;
  return {
    toolName: skill.name,
    operation: config.operation,
    isWrite: skill.isWrite,
    enabled: skill.isEnabled,
    ...(skill.description === undefined ? {} : { description: skill.description }),
    ...(config.inputs ? { inputs: config.inputs } : {}),
    ...(config.inputObjectMap ? { inputObjectMap: config.inputObjectMap } : {}),
    ...(config.projection ? { projection: config.projection } : {}),
    ...(config.sqlSearch ? { sqlSearch: config.sqlSearch } : {}),
    ...(config.keyColumn === undefined ? {} : { keyColumn: config.keyColumn }),
    ...(config.keyParam === undefined ? {} : { keyParam: config.keyParam }),
  };
}
