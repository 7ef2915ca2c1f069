import { bindingSkill } from '../binding-skill.js';
import { validateBinding, type BindingRequest, type ValidBinding } from '../binding-validation.js';
import { problem } from '../problems.js';
import { addSkill } from '../skill-body.js';
import type { Agent } from '../store.js';
import { isSqlKind, type IntegrationKind } from '../types.js';
import { ok, requireAgent, requireBindable, type HandlerContext, type HandlerResult, type Handler } from './handler.js';

export const createIntegrationBinding: Handler = (context) => {
  const agent = requireAgent(context);
  if ('code' in agent) return agent;
  const connection = requireBindable(context);
  if ('code' in connection) return connection;
  const request = context.body as BindingRequest;
  const verdict = validateBinding(connection.discovery.schema, connection.scoping, request, isSqlKind(context.params.kind));
  if (verdict.kind !== 'valid') {
    const detail = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return problem(verdict.kind === 'blocked' ? 'blocked_by_scoping' : 'binding_invalid', detail, { errors: verdict.errors });
  }
  return saveBinding(context, agent, request, verdict);
};

/** Saves a validated binding as a skill on the agent: 201, or 409 when the agent has a skill of that name. */
export function saveBinding(context: HandlerContext, agent: Agent, request: BindingRequest, verdict: ValidBinding): HandlerResult {
  const { store, now } = context;
  const kind: IntegrationKind = context.params.kind;
  if (store.skillNamed(agent.id, request.toolName)) {
    return problem('duplicate_tool_name', `Agent ${agent.id} already has a skill named "${request.toolName}".`);
  }
  const skill = addSkill(store, agent, bindingSkill(kind, request, verdict, isSqlKind(kind)), now);
  return ok(skill.body, 201);
}
