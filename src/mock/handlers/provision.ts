import { actionsOf, type ProviderAction } from '../actions.js';
import { problem } from '../problems.js';
import { actionSkill } from '../provisioned-skills.js';
import { installOnce } from '../skill-body.js';
import { ok, requireAgent, requireConnected, type Handler } from './handler.js';

/**
 * One skill per chosen action on the agent; no `actions` (or none listed) means every important action.
 * 404 for an agent that is not the org's, then 409 when the provider is not connected, then 422 naming each
 * unknown slug as `actions[i]`. A slug asked twice is provisioned once, and an action whose skill exists is
 * answered with that skill, `created: false`: re-running is idempotent.
 */
export const provisionIntegrationActions: Handler = (context) => {
  const { store, params, now } = context;
  const agent = requireAgent(context);
  if ('code' in agent) return agent;
  const connection = requireConnected(context);
  if ('code' in connection) return connection;
  const actions = actionsOf(params.kind);
  const requested = (context.body as { actions?: string[] } | undefined)?.actions ?? [];
  const bySlug = new Map(actions.map((action) => [action.slug, action]));
  const errors = requested.flatMap((slug, i) => (bySlug.has(slug) ? [] : [{ field: `actions[${i}]`, message: `${params.kind} has no action "${slug}"` }]));
  if (errors.length) {
    return problem('unknown_action', errors.map((error) => `${error.field}: ${error.message}`).join('; '), { errors });
  }
  const chosen: readonly ProviderAction[] = requested.length
    ? [...new Set(requested)].map((slug) => bySlug.get(slug)!)
    : actions.filter((action) => action.important);
  const installed = installOnce(store, agent, chosen.map((action) => actionSkill(params.kind, action)), now);
  return 'code' in installed ? installed : ok(installed);
};
