import type { BindingRequest, ValidBinding } from './binding-validation.js';
import { isUpdateOperation } from './discovered-schema.js';
import { param, type SkillSpec } from './skill-body.js';
import type { IntegrationKind } from './types.js';

/**
 * The skill a valid binding compiles to. Its parameters are the caller parameters the binding maps: a read's
 * inputs (or its sqlSearch param), a write's mapped fields and its keyParam. One parameter may feed several
 * fields; it is still one parameter.
 */
export function bindingSkill(kind: IntegrationKind, request: BindingRequest, verdict: ValidBinding, sql: boolean): SkillSpec {
  const { operation } = verdict;
  const isWrite = operation.type === 'write';
  const mapped = isWrite
    ? [...(request.inputObjectMap ?? []).flatMap((entry) => (entry.param ? [entry.param] : [])), ...(request.keyParam ? [request.keyParam] : [])]
    : request.sqlSearch
      ? [request.sqlSearch.param]
      : (request.inputs ?? []).map((input) => input.param);
  return {
    name: request.toolName,
    description: request.description ?? operation.description,
    parameters: [...new Set(mapped)].map((name) => param(name, 'string', true)),
    executionConfig: {
      transport: sql ? 'native_sql' : 'native_rest',
      kind,
      operation: operation.name,
      inputs: request.inputs ?? [],
      inputObjectMap: request.inputObjectMap ?? [],
      projection: request.projection ?? [],
      ...(request.sqlSearch ? { sqlSearch: request.sqlSearch } : {}),
      ...(request.keyColumn ? { keyColumn: request.keyColumn, keyParam: request.keyParam } : {}),
    },
    dataEgressMap: Object.fromEntries((request.projection ?? []).map((p) => [p.leaf, p.path.join('.')])),
    allowedFields: verdict.touched,
    effect: !isWrite ? 'read' : isUpdateOperation(operation) ? 'change' : 'create',
    enabled: request.enabled === true,
    expectedLatencyMs: sql ? 40 : 250,
  };
}
