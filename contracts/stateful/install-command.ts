import type fc from 'fast-check';
import { actionSlugs, install, installedSkills, type SkillInstaller } from '../support/provisioning.js';
import { fail, type IntegrationsModel, type Real } from './model.js';

/**
 * Provisions actions (`picks` of the listed slugs; none: every important action) or installs the pack.
 * Refused with a 4xx unless the kind is connected (a pending authorization is not); once connected, 200 (a
 * pack install may answer the documented 404 "ships no pack"), and a skill answered before comes back with
 * its id and `created: false`.
 */
export class InstallCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(
    readonly kind: string,
    readonly installer: SkillInstaller,
    readonly picks: readonly number[] = [],
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const connected = model.connections.get(this.kind)?.status === 'connected';
    const slugs = connected && this.picks.length ? ((await actionSlugs(real.context, real.key, this.kind)) ?? []) : [];
    const body = this.installer === 'provisionIntegrationActions' ? { actions: [...new Set(slugs.length ? this.picks.map((pick) => slugs[pick % slugs.length]!) : [])] } : undefined;
    const exchange = await install(real.context, real.key, this.installer, this.kind, real.agentId, body);
    const { status } = exchange.response;
    const state = model.connections.get(this.kind)?.status ?? 'not connected';
    if (!connected) {
      if (status < 400 || status > 499) fail(real, this.installer, `${this.installer} on ${this.kind} (${state}): expected a 4xx, got ${status}`, exchange);
      return;
    }
    if (this.installer === 'installIntegrationPack' && status === 404) return; // the provider ships no pack
    if (status !== 200) fail(real, this.installer, `${this.installer} on connected ${this.kind}: expected 200, got ${status}`, exchange);
    for (const skill of installedSkills(exchange) ?? []) {
      const known = model.skills.get(skill.name);
      if (known !== undefined && (known !== skill.id || skill.created)) {
        fail(real, this.installer, `${skill.name} was answered as ${known} before; now ${skill.id}, created: ${skill.created}`, exchange);
      }
      model.skills.set(skill.name, skill.id);
    }
  }

  toString(): string {
    const picks = this.installer === 'provisionIntegrationActions' ? `, [${this.picks.join(',')}]` : '';
    return `${this.installer === 'provisionIntegrationActions' ? 'provision' : 'installPack'}(${this.kind}${picks})`;
  }
}
