import { validateBinding } from '../binding-validation.js';
import { bindingsForGoal } from '../goal-binding.js';
import { problem } from '../problems.js';
import { visibleSchema } from '../scoping.js';
import { isSqlKind } from '../types.js';
import { saveBinding } from './bindings.js';
import { requireAgent, requireBindable, type Handler } from './handler.js';

/**
 * Binds the read the goal's words point at, as a draft: 404 for an agent that is not the org's, 409 until the
 * kind is connected and discovered (as bindings), 422 naming `goal` when nothing matches, 409 for a taken
 * `toolName` (by default the operation's name in snake_case).
 */
export const autoBindIntegration: Handler = (context) => {
  const agent = requireAgent(context);
  if ('code' in agent) return agent;
  const connection = requireBindable(context);
  if ('code' in connection) return connection;
  const { goal, toolName } = context.body as { goal: string; toolName?: string };
  const { schema } = connection.discovery;
  const sql = isSqlKind(context.params.kind);
  for (const request of bindingsForGoal(visibleSchema(schema, connection.scoping), goal, sql, toolName)) {
    // Chosen from what scoping leaves visible, so it should pass; checked as the bindings endpoint checks
    // all the same, so that what auto-bind saves is always a binding that endpoint would accept.
    const verdict = validateBinding(schema, connection.scoping, request, sql);
    if (verdict.kind === 'valid') return saveBinding(context, agent, request, verdict);
  }
  return problem('goal_unmatched', `Nothing ${context.params.kind} offers to read matches the goal: name an object or a field of its schema.`, {
    errors: [{ field: 'goal', message: 'matches no readable object or field of the discovered schema (as data scoping leaves it)' }],
  });
};
