import { PROVIDERS } from '../catalog.js';
import { presetsOf } from '../packs.js';
import { problem } from '../problems.js';
import { presetSkill } from '../provisioned-skills.js';
import { installOnce } from '../skill-body.js';
import { ok, requireAgent, requireConnected, type Handler } from './handler.js';

/**
 * Installs every preset of the provider's Connector Pack on the agent; a preset whose skill exists is
 * skipped and answered with that skill, `created: false`.
 *
 * When the provider ships no pack and is not connected either, the docs allow 404 or 409: the mock answers
 * 404 `pack_not_found`, since whether a provider ships a pack is a fact of the provider, which connecting
 * would not change; a 409 would send the client to connect for nothing.
 */
export const installIntegrationPack: Handler = (context) => {
  const { store, params, now } = context;
  const agent = requireAgent(context);
  if ('code' in agent) return agent;
  const presets = presetsOf(params.kind);
  if (!presets.length) return problem('pack_not_found', `${PROVIDERS[params.kind].displayName} ships no Connector Pack.`);
  const connection = requireConnected(context);
  if ('code' in connection) return connection;
  const installed = installOnce(store, agent, presets.map((preset) => presetSkill(params.kind, preset)), now);
  return 'code' in installed ? installed : ok(installed);
};
