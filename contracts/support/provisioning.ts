import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { walkPages } from './pages.js';
import { credentialKinds, OAUTH_KINDS } from './providers.js';
import { approveOAuth, connectWith, dataOf } from './session.js';

/** The operations that put a provider's skills on an agent, answering `data: [{ skill, created }]`. */
export const SKILL_INSTALLERS = ['provisionIntegrationActions', 'installIntegrationPack'] as const;
export type SkillInstaller = (typeof SKILL_INSTALLERS)[number];

export interface InstalledSkill {
  readonly id: string;
  readonly name: string;
  readonly created: boolean;
}

/** The kinds a suite may get connected by itself: credential kinds, and OAuth kinds where the target lets a program approve. */
export function connectableKinds(context: SuiteContext): string[] {
  return [...credentialKinds(context), ...OAUTH_KINDS.filter((kind) => context.kinds.includes(kind))];
}

/**
 * Connects `kind` for the key's organization: with the credentials for the kinds that take them, or by
 * starting an authorization and approving it where the target lets a program do so (the mock's consent
 * page). True when the kind ended up connected.
 */
export async function connectKind(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>): Promise<boolean> {
  if (credentialKinds(context).includes(kind)) return dataOf(await connectWith(context, key, kind, credentials))?.status === 'connected';
  const oauthUrl = dataOf(await context.call('connectIntegration', { key, params: { kind } }))?.oauthUrl;
  return approveOAuth(context, oauthUrl);
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
