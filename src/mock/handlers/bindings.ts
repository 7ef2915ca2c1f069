import { randomBytes } from 'node:crypto';
import { validateBinding, type BindingRequest } from '../binding-validation.js';
import { problem } from '../problems.js';
import { requireDiscovery, ok, type Handler } from './handler.js';

export const createIntegrationBinding: Handler = (context) => {
  const { store, orgId, params, now } = context;
  const agent = store.agentOf(orgId, params.agentId);
  if (!agent) return problem('agent_not_found', `No agent ${params.agentId} in this organization.`);
  const connection = requireDiscovery(context);
  if ('code' in connection) {
    return problem('integration_not_ready', `Connect and discover ${params.kind} before binding it: ${connection.detail}`);
  }
  const request = context.body as BindingRequest;
  const sql = params.kind === 'postgres' || params.kind === 'mysql';
  const verdict = validateBinding(connection.discovery.schema, connection.scoping, request, sql);
  if (verdict.kind !== 'valid') {
    const detail = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return problem(verdict.kind === 'blocked' ? 'blocked_by_scoping' : 'binding_invalid', detail, { errors: verdict.errors });
  }
  const skills = store.skills.get(agent.id) ?? [];
  if (skills.some((skill) => skill.name === request.toolName)) {
    return problem('duplicate_tool_name', `Agent ${agent.id} already has a skill named "${request.toolName}".`);
  }

  const { operation } = verdict;
  const isWrite = operation.type === 'write';
  const mapped = isWrite ? (request.inputObjectMap ?? []).flatMap((entry) => (entry.param ? [entry.param] : [])) : (request.inputs ?? []).map((input) => input.param);
  const params_ = [...new Set(mapped)]; // one parameter may feed several fields; it is still one parameter
  const id = `skl_${randomBytes(8).toString('hex')}`;
  const body = {
    id,
    agentId: agent.id,
    organizationId: orgId,
    name: request.toolName,
    description: request.description ?? operation.description,
    parametersSchema: { type: 'object', properties: Object.fromEntries(params_.map((name) => [name, { type: 'string' }])), required: params_ },
    requiredParams: params_,
    executionConfig: {
      transport: sql ? 'native_sql' : 'native_rest',
      kind: params.kind,
      operation: operation.name,
      inputs: request.inputs ?? [],
      inputObjectMap: request.inputObjectMap ?? [],
      projection: request.projection ?? [],
    },
    dataEgressMap: Object.fromEntries((request.projection ?? []).map((p) => [p.leaf, p.path.join('.')])),
    allowedFields: verdict.touched,
    isWrite,
    requiresVerifiedIdentity: isWrite && operation.name.startsWith('update'),
    requiresConfirmation: isWrite,
    nonParallelizable: isWrite,
    channels: ['phone', 'chat'],
    errorHandling: {},
    // A read starts enabled only when asked; a write always lands disabled, for review.
    isEnabled: !isWrite && request.enabled === true,
    expectedLatencyMs: sql ? 40 : 250,
    createdAt: now,
    updatedAt: now,
  };
  store.skills.set(agent.id, [...skills, { id, agentId: agent.id, name: request.toolName, body }]);
  return ok(body, 201);
};
