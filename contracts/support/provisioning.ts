import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { walkPages } from './pages.js';
import { credentialKinds, OAUTH_KINDS } from './providers.js';
import { connectOAuth } from './oauth.js';
import { connectWith, dataOf } from './session.js';

/** The operations that put a provider's skills on an agent, answering `data: [{ skill, created }]`. */
export const SKILL_INSTALLERS = ['provisionIntegrationActions', 'installIntegrationPack'] as const;
export type SkillInstaller = (typeof SKILL_INSTALLERS)[number];

export interface InstalledSkill {
  readonly id: string;
  readonly name: string;
  readonly created: boolean;
}

/** The kinds a suite may try to connect by itself: credential kinds, and OAuth kinds (connected where the config or the mock allows: connectKind says). */
export function connectableKinds(context: SuiteContext): string[] {
  return [...credentialKinds(context), ...OAUTH_KINDS.filter((kind) => context.kinds.includes(kind))];
}

/**
 * Connects `kind` for the key's organization: with the credentials for the kinds that take them; an OAuth kind by
 * starting an authorization and approving it as the config says the target allows (see approveOAuth), unless the
 * config says it is pre-connected there. True when the kind ended up connected. For an OAuth kind the report
 * learns whether `operations` (what the suite wanted it connected for) could be exercised on it, and why not.
 */
export async function connectKind(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>, operations: readonly string[]): Promise<boolean> {
  if (credentialKinds(context).includes(kind)) return dataOf(await connectWith(context, key, kind, credentials))?.status === 'connected';
  const approval = context.preconnected(key.org, kind) ? ({ approved: true } as const) : await connectOAuth(context, key, kind);
  const suite = context.suite;
  for (const operationId of suite ? operations : []) {
    const probe = `${operationId} on ${kind} connected through OAuth`;
    if (approval.approved) context.probed(suite!, probe);
    else context.notProbed(suite!, probe, approval.reason);
  }
  return approval.approved;
}

/** The slugs of every action the provider lists, walked `limit` at a time; undefined when unreadable. */
export async function actionSlugs(context: SuiteContext, key: ConfiguredKey, kind: string, limit = 100): Promise<string[] | undefined> {
  const actions = await walkPages<{ slug?: unknown }>(context, 'listIntegrationActions', key, { kind }, limit);
  return actions?.map((action) => String(action.slug));
}

/** The `{ skill, created }` items of a provision or pack install answer, or undefined when it is not one. */
export function installedSkills(exchange: Exchange): InstalledSkill[] | undefined {
  const data = dataOf(exchange);
  if (exchange.response.status !== 200 || !Array.isArray(data)) return undefined;
  const items = data.map((item: any) => ({ id: item?.skill?.id, name: item?.skill?.name, created: item?.created }));
  return items.every((item) => typeof item.id === 'string' && typeof item.name === 'string' && typeof item.created === 'boolean') ? items : undefined;
}

/** Sends a provision (with `body`, or none) or a pack install onto the agent. */
export function install(context: SuiteContext, key: ConfiguredKey, installer: SkillInstaller, kind: string, agentId: string, body?: unknown): Promise<Exchange> {
  return context.call(installer, { key, params: { kind, agentId }, json: installer === 'provisionIntegrationActions' ? body : undefined });
}
