import type { ProviderAction } from './actions.js';
import type { PackPreset } from './packs.js';
import type { SkillSpec } from './skill-body.js';
import type { IntegrationKind } from './types.js';

// Both land disabled: "Provisioning edits the agent draft; publish so phone and chat serve the new skills."
const LATENCY_MS = 300;

/** The skill provisioning an action creates, named by its tool name; the operator config still to fill is null. */
export function actionSkill(kind: IntegrationKind, action: ProviderAction): SkillSpec {
  return {
    name: action.toolName,
    description: action.description,
    parameters: action.parameters,
    executionConfig: {
      transport: 'native_action',
      kind,
      action: action.slug,
      operatorConfig: Object.fromEntries(action.operatorConfig.map((field) => [field.key, null])),
    },
    effect: action.effect,
    enabled: false,
    expectedLatencyMs: LATENCY_MS,
  };
}

/** The skill a pack preset installs as. */
export function presetSkill(kind: IntegrationKind, preset: PackPreset): SkillSpec {
  return {
    name: preset.name,
    description: preset.description,
    parameters: preset.parameters,
    executionConfig: { transport: 'connector_pack', kind, preset: preset.name },
    effect: preset.effect,
    enabled: false,
    expectedLatencyMs: LATENCY_MS,
  };
}
