import type { ConfiguredKey } from '../../src/contract/config.js';
import { runApproval } from '../../src/contract/oauth-approval.js';
import { Semaphore } from '../../src/contract/semaphore.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { dataOf, listConnections } from './session.js';

/** Whether an OAuth authorization got approved (and the connection list shows it connected), and why not. */
export type Approval = { readonly approved: true } | { readonly approved: false; readonly reason: string };

/** How many times, a quarter of a second apart, the list is read for an approved authorization to show as connected. */
const CONNECTED_READS = 8;
/** Approval steps under way at once: a browser script each, which a runner's workers must not start by the dozen. */
const APPROVALS_AT_ONCE = 2;
const approvalSlots = new WeakMap<SuiteContext, Semaphore>();

/** Starts an OAuth authorization for the key's organization and approves it (see approveAndConfirm). */
export async function connectOAuth(context: SuiteContext, key: ConfiguredKey, kind: string): Promise<Approval> {
  const oauthUrl = dataOf(await context.call('connectIntegration', { key, params: { kind } }))?.oauthUrl;
  return approveAndConfirm(context, key, kind, oauthUrl);
}

/**
 * Approves an authorization and waits, a couple of seconds at most, for the connection list to show the kind
 * connected: an approval step may answer before the target has taken it in. Approved only then.
 */
export async function approveAndConfirm(context: SuiteContext, key: ConfiguredKey, kind: string, oauthUrl: unknown): Promise<Approval> {
  const approval = await approveOAuth(context, oauthUrl, kind, key.org);
  if (!approval.approved) return approval;
  let status: string | undefined;
  for (let read = 0; read < CONNECTED_READS; read++) {
    if (read) await new Promise((resolve) => setTimeout(resolve, 250));
    status = (await listConnections(context, key))?.get(kind);
    if (status === 'connected') return approval;
  }
  return { approved: false, reason: `the approval step succeeded, yet ${kind} is listed as ${status ?? 'absent'} in ${key.org} two seconds later` };
}

/**
 * Approves an OAuth authorization the way the config says the target allows (`oauth.approve`: an HTTP request or
 * a command run with the `oauthUrl`, two at a time at most); with none configured, where the flowyte-contract mock
 * serves its consent page. Against a real provider without a configured step no program may click Approve.
 */
async function approveOAuth(context: SuiteContext, oauthUrl: unknown, kind: string, org: string): Promise<Approval> {
  if (typeof oauthUrl !== 'string') return { approved: false, reason: `connect ${kind} answered no oauthUrl` };
  const step = context.config.oauth?.approve;
  if (step) {
    const slots = approvalSlots.get(context) ?? approvalSlots.set(context, new Semaphore(APPROVALS_AT_ONCE)).get(context)!;
    await slots.acquire();
    try {
      return await runApproval(step, { oauthUrl, kind, org, hide: context.config.keys.map((configured) => configured.token) }, context.signal);
    } finally {
      slots.release();
    }
  }
  let url: URL;
  try {
    url = new URL(oauthUrl);
  } catch {
    return { approved: false, reason: `connect ${kind} answered an oauthUrl that is no URL` };
  }
  if (url.origin !== new URL(context.config.target).origin || url.pathname !== '/__mock/oauth/consent') {
    const preconnected = Object.keys(context.config.oauth?.connected ?? {}).length ? `, nor is ${kind} pre-connected in ${org}` : ' nor pre-connected kinds (oauth.connected)';
    return { approved: false, reason: `${kind}'s oauthUrl leads to a consent page no program may approve, and the config names no oauth.approve step${preconnected}` };
  }
  const response = await context.client.raw(url.origin + url.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: url.searchParams.get('state') ?? '', decision: 'approve' }).toString(),
  });
  return response.status >= 200 && response.status < 300 ? { approved: true } : { approved: false, reason: `the mock's consent page answered ${response.status} to an approval` };
}
