import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { CallOptions, SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { credentialKinds } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith, listConnections } from './support/session.js';
import { snapshot } from './support/state.js';

type Attack = readonly [operationId: string, options: (kind: string, agentId: string) => CallOptions];

// What a key of another organization tries against the first one's connection and agent.
const ATTACKS: readonly Attack[] = [
  ['getIntegrationSchema', (kind) => ({ params: { kind } })],
  ['listIntegrationObjects', (kind) => ({ params: { kind } })],
  ['getIntegrationScoping', (kind) => ({ params: { kind } })],
  ['setIntegrationScoping', (kind) => ({ params: { kind }, json: { blockedTables: [], blockedColumns: {} } })],
  ['discoverIntegration', (kind) => ({ params: { kind } })],
  ['disconnectIntegration', (kind) => ({ params: { kind } })],
  ['createIntegrationBinding', (kind, agentId) => ({ params: { kind, agentId }, json: { toolName: 'cross_tenant_probe', operation: 'any' } })],
  ['autoBindIntegration', (kind, agentId) => ({ params: { kind, agentId }, json: { goal: 'look up a customer', toolName: 'cross_tenant_auto_probe' } })],
  ['provisionIntegrationActions', (kind, agentId) => ({ params: { kind, agentId }, json: {} })],
  ['installIntegrationPack', (kind, agentId) => ({ params: { kind, agentId } })],
];

// Attempts on the first organization's agent rather than on its connection.
const AGENT_ATTACKS = new Set(['createIntegrationBinding', 'autoBindIntegration', 'provisionIntegrationActions', 'installIntegrationPack']);

// Attempts whose success would not change what the others see (a read, a rediscovery, a skill on the agent):
// these go side by side; the ones that change the connection's status or scoping go one after another.
const SIDE_BY_SIDE = new Set([
  'getIntegrationSchema',
  'listIntegrationObjects',
  'getIntegrationScoping',
  'discoverIntegration',
  'createIntegrationBinding',
  'autoBindIntegration',
  'provisionIntegrationActions',
  'installIntegrationPack',
]);

function orgPair(context: Parameters<NonNullable<Suite['skipReason']>>[0]) {
  const owner = context.orgs.find((org) => context.keyWith(ADMIN_SCOPES, org) && context.agentOf(org));
  const other = context.orgs.find((org) => org !== owner);
  return owner && other ? { owner, other } : undefined;
}

const onAgent = ([operationId]: Attack) => AGENT_ATTACKS.has(operationId);

/** Connects and discovers `kind` in the other organization; true when it ended up discovered. */
async function arrange(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>): Promise<boolean> {
  await connectWith(context, key, kind, credentials);
  const discovered = await context.call('discoverIntegration', { key, params: { kind } });
  return discovered.response.status === 200;
}

/** A key of another organization can neither see nor change the first organization's integrations, nor reach its agent. */
export const tenantIsolation: Suite = {
  id: 'tenant_isolation',
  operations: (context) => ['listIntegrations', ...ATTACKS.map(([operationId]) => operationId)].filter((id) => context.operations.some((op) => op.operationId === id)),
  skipReason: (context) => (orgPair(context) ? undefined : 'needs two organizations, one with an admin key (read, write, connect) and an agent'),
  property(context) {
    const { owner, other } = orgPair(context)!;
    const ownerKey = context.keyWith(ADMIN_SCOPES, owner)!;
    const otherKeys = context.config.keys.filter((key) => key.org === other);
    const judged = new Set(context.operations.map((operation) => operation.operationId));
    const attacks = ATTACKS.filter(([operationId]) => judged.has(operationId));
    const input = fc.constantFrom(...credentialKinds(context)).chain((kind) =>
      fc.tuple(fc.constant(kind), credentialsFor(kind), fc.subarray([...attacks], { minLength: 1 }), fc.constantFrom(...otherKeys)),
    );
    return fc.asyncProperty(input, async ([kind, credentials, attacks, intruder]) =>
      context.run(kind, async () => {
        await connectWith(context, ownerKey, kind, credentials);
        // Scoping needs the connection, not its discovery: the two go side by side.
        await Promise.all([
          context.call('discoverIntegration', { key: ownerKey, params: { kind } }),
          context.call('setIntegrationScoping', { key: ownerKey, params: { kind }, json: { blockedTables: ['tenant_probe'] } }),
        ]);
        let arranged = false;
        const attack = async ([operationId, options]: Attack) => {
          const scopes = context.contract.operation(operationId).scopes;
          const agentAttempt = onAgent([operationId, options]);
          const key = (agentAttempt && context.keyWith(scopes, other)) || intruder;
          const exchange = await context.call(operationId, { ...options(kind, context.agentOf(owner)!), key });
          const { status } = exchange.response;
          // Any refusal will do (404, 403, or a 409 "not connected" that may come first) unless the attempt was
          // arranged to succeed but for tenancy (below); a 2xx is a breach, and the snapshots show what changed.
          if (status >= 200 && status <= 299) {
            context.fail('tenant_isolation', 'unexpected_status', operationId, `key ${key.name} of ${other} reached ${owner}'s ${kind}: got ${status}`, exchange);
          } else if (arranged && agentAttempt && scopes.every((scope) => key.scopes.includes(scope)) && status !== 403 && status !== 404) {
            context.fail('tenant_isolation', 'unexpected_status', operationId, `key ${key.name} of ${other} (${kind} connected and discovered there too) on ${owner}'s agent: expected 403 or 404, got ${status}`, exchange);
          }
        };
        // First the attempts on the owner's connection, from an organization without one: the state before any
        // attempt (a target may change it while refusing one); then the attempts, the others one after another,
        // so that a breach shows the same way every time.
        const onConnection = attacks.filter((a) => !onAgent(a));
        const before = await snapshot(context, kind);
        await Promise.all(onConnection.filter(([operationId]) => SIDE_BY_SIDE.has(operationId)).map(attack));
        for (const write of onConnection.filter(([operationId]) => !SIDE_BY_SIDE.has(operationId))) await attack(write);
        const [listed, after] = await Promise.all([
          intruder.scopes.includes('integrations:read') && judged.has('listIntegrations') ? listConnections(context, intruder) : undefined,
          snapshot(context, kind),
        ]);
        if (listed?.has(kind)) {
          context.fail('tenant_isolation', 'semantic_mismatch', 'listIntegrations', `${other}'s list shows ${kind}, which only ${owner} connected`);
        }
        if (after !== before) {
          context.fail('tenant_isolation', 'state_changed', (onConnection[0] ?? attacks[0]!)[0], `requests by ${other}'s key changed ${owner}'s integrations`);
        }
        // Then the attempts on the owner's agent: the other organization connects and discovers the same kind
        // first, so that a server checking only the caller's own connection (not whose agent it is) would
        // accept them; with a key holding the operation's scope, only 403 or 404 then refuses on tenancy's grounds.
        const onAgentAttempts = attacks.filter(onAgent);
        if (!onAgentAttempts.length) return;
        const otherAdmin = context.keyWith(ADMIN_SCOPES, other);
        arranged = otherAdmin !== undefined && (await arrange(context, otherAdmin, kind, credentials));
        await Promise.all(onAgentAttempts.map(attack));
      }),
    );
  },
};
