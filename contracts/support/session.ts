import { randomUUID } from 'node:crypto';
import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { runApproval } from '../../src/contract/oauth-approval.js';
import { connectionList } from './pages.js';

export const ADMIN_SCOPES = ['integrations:read', 'integrations:write', 'integrations:connect'];

/** The JSON `data` of a 2xx envelope, or undefined. */
export function dataOf(exchange: Exchange): any {
  const body = exchange.response.json as { data?: unknown } | undefined;
  return exchange.response.status < 300 ? body?.data : undefined;
}

/** Remembers the credential values a request is about to submit; sslmode and port are no secrets. */
export function submitCredentials(context: SuiteContext, credentials: Readonly<Record<string, unknown>>): void {
  for (const [field, value] of Object.entries(credentials)) {
    if (typeof value === 'string' && field !== 'sslmode' && field !== 'port') context.submitSecret(value);
  }
}

/** Connects `kind` with credentials, which no later response may then contain. */
export async function connectWith(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>): Promise<Exchange> {
  submitCredentials(context, credentials);
  return context.call('connectIntegration', { key, params: { kind }, json: { credentials } });
}

/** Whether an OAuth authorization got approved, and why not. */
export type Approval = { readonly approved: true } | { readonly approved: false; readonly reason: string };

/**
 * Approves an OAuth authorization the way the config says the target allows (`oauth.approve`: an HTTP request or
 * a command run with the `oauthUrl`); with none configured, where the flowyte-contract mock serves its consent
 * page. Against a real provider without a configured step no program may click Approve.
 */
export async function approveOAuth(context: SuiteContext, oauthUrl: unknown, kind: string, org: string): Promise<Approval> {
  if (typeof oauthUrl !== 'string') return { approved: false, reason: `connect ${kind} answered no oauthUrl` };
  const step = context.config.oauth?.approve;
  if (step) return runApproval(step, { oauthUrl, kind, org }, context.signal);
  let url: URL;
  try {
    url = new URL(oauthUrl);
  } catch {
    return { approved: false, reason: `connect ${kind} answered an oauthUrl that is no URL` };
  }
  if (url.origin !== new URL(context.config.target).origin || url.pathname !== '/__mock/oauth/consent') {
    return { approved: false, reason: `${kind}'s oauthUrl leads to a consent page no program may approve, and the config names no oauth.approve step nor pre-connected kinds (oauth.connected)` };
  }
  const response = await context.client.raw(url.origin + url.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: url.searchParams.get('state') ?? '', decision: 'approve' }).toString(),
  });
  return response.status >= 200 && response.status < 300 ? { approved: true } : { approved: false, reason: `the mock's consent page answered ${response.status} to an approval` };
}

/** Lists the org's connections as kind → status, or undefined when the list cannot be read. */
export async function listConnections(context: SuiteContext, key: ConfiguredKey): Promise<Map<string, string> | undefined> {
  const list = await connectionList(context, key);
  return list ? new Map(list.map((c) => [c.kind, c.status])) : undefined;
}

/** A name no earlier run (of this process or another) has used: skills stay on the agent between runs. */
export const RUN_NONCE = randomUUID().slice(0, 8);
