import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import type { CallOptions, SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { goalOf, validReadBinding } from './support/bindings.js';
import { readSchema } from './support/discovered.js';
import { walkPages } from './support/pages.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith, listConnections, RUN_NONCE } from './support/session.js';
import { snapshot } from './support/state.js';

const CHECK = 'tenant_isolation';

// What a key of another organization tries against the first one's connection: each a request the owner's own
// key would get a 2xx for, in the state the run sets up (connected, discovered, scoped).
const ON_CONNECTION: ReadonlyArray<readonly [operationId: string, options: (kind: string) => CallOptions]> = [
  ['getIntegrationSchema', (kind) => ({ params: { kind } })],
  ['listIntegrationObjects', (kind) => ({ params: { kind } })],
  ['getIntegrationScoping', (kind) => ({ params: { kind } })],
  ['setIntegrationScoping', (kind) => ({ params: { kind }, json: { blockedTables: [], blockedColumns: {} } })],
  ['discoverIntegration', (kind) => ({ params: { kind } })],
  ['disconnectIntegration', (kind) => ({ params: { kind } })],
];
// Attempts whose success would not change what the others see go side by side; the others one after another.
const CHANGES_STATE = new Set(['setIntegrationScoping', 'disconnectIntegration']);

// What it tries against the first organization's agent, with a body valid on the kind's discovered schema.
const ON_AGENT = ['createIntegrationBinding', 'autoBindIntegration', 'provisionIntegrationActions', 'installIntegrationPack'] as const;
type AgentOperation = (typeof ON_AGENT)[number];

let toolNames = 0;

function orgPair(context: SuiteContext) {
  const owner = context.orgs.find((org) => context.keyWith(ADMIN_SCOPES, org) && context.agentOf(org));
  const other = context.orgs.find((org) => org !== owner);
  return owner && other ? { owner, other } : undefined;
}

/** A body for an attempt on an agent, built from the kind's discovered schema; undefined when it offers none. */
async function agentBody(context: SuiteContext, key: ConfiguredKey, operationId: AgentOperation, kind: string): Promise<{ body: (suffix: string) => unknown } | undefined> {
  if (operationId === 'provisionIntegrationActions') return { body: () => ({}) };
  if (operationId === 'installIntegrationPack') return { body: () => undefined };
  const schema = await readSchema(context, key, kind);
  const binding = schema && validReadBinding(schema, '', 0, (SQL_KINDS as readonly string[]).includes(kind));
  if (!binding) return undefined;
  const name = `tenant_${RUN_NONCE}_${++toolNames}`;
  if (operationId === 'createIntegrationBinding') return { body: (suffix) => ({ ...binding, toolName: name + suffix }) };
  const read = schema.operations.find((operation) => operation.name === binding.operation)!;
  return { body: (suffix) => ({ goal: goalOf(read), toolName: name + suffix }) };
}

/**
 * A key of another organization can neither see nor change the first organization's integrations, nor reach its
 * agent. Each attempt is sent with a key of the other organization that holds the operation's scope, in a state
 * where the owner's own request would succeed; an attempt that cannot be arranged so is reported, not passed.
 */
export const tenantIsolation: Suite = {
  id: CHECK,
  operations: (context) => ['listIntegrations', ...ON_CONNECTION.map(([id]) => id), ...ON_AGENT].filter((id) => context.operations.some((op) => op.operationId === id)),
  skipReason: (context) => (orgPair(context) ? undefined : 'needs two organizations, one with an admin key (read, write, connect) and an agent'),
  property(context) {
    const { owner, other } = orgPair(context)!;
    const ownerKey = context.keyWith(ADMIN_SCOPES, owner)!;
    const ownerAgent = context.agentOf(owner)!;
    const judged = new Set(context.operations.map((operation) => operation.operationId));
    const onConnection = ON_CONNECTION.filter(([id]) => judged.has(id));
    const onAgent = ON_AGENT.filter((id) => judged.has(id));
    const scopesOf = (operationId: string) => context.contract.operation(operationId).scopes;
    // A probe per operation and kind: one kind's attempt arranged says nothing of another's that could not be.
    const probe = (operationId: string, kind: string) => `${operationId} on ${kind} from ${other}`;
    /** The other organization's key for the operation, or undefined (and the probe reported) when none holds its scope. */
    const intruderFor = (operationId: string, kind: string): ConfiguredKey | undefined => {
      const key = context.keyWith(scopesOf(operationId), other);
      if (!key) context.notProbed(CHECK, probe(operationId, kind), `no key of ${other} holds ${scopesOf(operationId).join(', ')}`);
      return key;
    };
    /** The kinds the catalog says ship no pack, once it was read whole (it does not change during a test run). */
    let packless: ReadonlySet<string> | undefined;
    const shipsNoPack = async (kind: string): Promise<boolean> => {
      if (!packless && judged.has('listIntegrationCatalog')) {
        const catalog = await walkPages<{ kind?: unknown; hasPack?: unknown }>(context, 'listIntegrationCatalog', ownerKey, undefined, 100);
        if (catalog) packless = new Set(catalog.filter((entry) => entry.hasPack === false).map((entry) => String(entry.kind)));
      }
      return packless?.has(kind) === true;
    };
    const input = fc.constantFrom(...credentialKinds(context)).chain((kind) =>
      fc.tuple(fc.constant(kind), credentialsFor(kind), fc.subarray([...onConnection.map(([id]) => id), ...onAgent], { minLength: 1 })),
    );
    return fc.asyncProperty(input, async ([kind, credentials, chosen]) =>
      context.run(kind, async () => {
        const breach = (operationId: string, key: ConfiguredKey, exchange: Exchange, what: string) =>
          context.fail(CHECK, 'unexpected_status', operationId, `key ${key.name} of ${other} ${what}: got ${exchange.response.status}`, exchange);
        // The owner's state, in which its own requests would succeed: connected, discovered and scoped.
        const connected = await connectWith(context, ownerKey, kind, credentials);
        const [discovered] = await Promise.all([
          context.call('discoverIntegration', { key: ownerKey, params: { kind } }),
          context.call('setIntegrationScoping', { key: ownerKey, params: { kind }, json: { blockedTables: ['tenant_probe'] } }),
        ]);
        if (connected.response.status >= 300 || discovered.response.status !== 200) {
          for (const id of chosen) context.notProbed(CHECK, probe(id, kind), `${owner} could not connect and discover ${kind} (connect ${connected.response.status}, discover ${discovered.response.status})`);
          return;
        }

        // The attempts on the owner's connection, from an organization without one: the state before any of them
        // (a target may change it while refusing), then the attempts, the ones that change state one after another.
        const attempts = onConnection.filter(([id]) => chosen.includes(id));
        const before = await snapshot(context, kind);
        const attempt = async ([operationId, options]: (typeof ON_CONNECTION)[number]) => {
          const key = intruderFor(operationId, kind);
          if (!key) return;
          const exchange = await context.call(operationId, { ...options(kind), key });
          context.probed(CHECK, probe(operationId, kind));
          if (exchange.response.status < 300) breach(operationId, key, exchange, `reached ${owner}'s ${kind}`);
        };
        await Promise.all(attempts.filter(([id]) => !CHANGES_STATE.has(id)).map(attempt));
        for (const write of attempts.filter(([id]) => CHANGES_STATE.has(id))) await attempt(write);
        const reader = judged.has('listIntegrations') ? context.keyWith(['integrations:read'], other) : undefined;
        const [listed, after] = await Promise.all([reader && listConnections(context, reader), snapshot(context, kind)]);
        // Relative to the start: the other organization's list did not show the kind before the attempts.
        const otherHadIt = (JSON.parse(before) as Array<[string, { statuses: string[] }]>).some(([org, state]) => org === other && state.statuses.length);
        if (listed?.has(kind) && !otherHadIt) context.fail(CHECK, 'semantic_mismatch', 'listIntegrations', `${other}'s list shows ${kind}, which only ${owner} connected (in this run: ${owner} connected, discovered and scoped it; ${other} had no ${kind} before)`);
        if (after !== before) context.fail(CHECK, 'state_changed', attempts[0]?.[0] ?? chosen[0]!, `requests by ${other}'s keys changed ${owner}'s integrations: before ${before}, after ${after}`);

        // The attempts on the owner's agent: the other organization connects and discovers the same kind first, so
        // that a server checking only the caller's own connection (not whose agent it is) would accept them.
        const agentAttempts = onAgent.filter((id) => chosen.includes(id));
        if (!agentAttempts.length) return;
        const otherAdmin = context.keyWith(ADMIN_SCOPES, other);
        const arranged = otherAdmin && (await connectWith(context, otherAdmin, kind, credentials)).response.status < 300 && (await context.call('discoverIntegration', { key: otherAdmin, params: { kind } })).response.status === 200;
        if (!arranged) {
          for (const id of agentAttempts) context.notProbed(CHECK, probe(id, kind), otherAdmin ? `${other} could not connect and discover ${kind}` : `no key of ${other} holds ${ADMIN_SCOPES.join(', ')} to connect ${kind} there first`);
          return;
        }
        // Its own connection, just made, carries no blocks: a server that finds scoping by kind alone shows it the owner's.
        const ownScoping = async () => {
          if (!judged.has('getIntegrationScoping')) return;
          const exchange = await context.call('getIntegrationScoping', { key: otherAdmin, params: { kind } });
          context.probed(CHECK, `getIntegrationScoping of its own ${kind} from ${other}`);
          const blocked = (exchange.response.json as { data?: { blockedTables?: unknown } } | undefined)?.data?.blockedTables;
          if (Array.isArray(blocked) && blocked.includes('tenant_probe')) {
            context.fail(CHECK, 'semantic_mismatch', 'getIntegrationScoping', `${other}'s own ${kind}, connected in this run with no blocks, reads ${owner}'s block tenant_probe`, exchange);
          }
        };
        await Promise.all([
          ownScoping(),
          ...agentAttempts.map(async (operationId) => {
            const key = intruderFor(operationId, kind);
            const body = key && (await agentBody(context, otherAdmin, operationId, kind));
            if (!key || !body) {
              if (key) context.notProbed(CHECK, probe(operationId, kind), `the ${kind} schema discovered in ${other} offers no read to bind`);
              return;
            }
            const exchange = await context.call(operationId, { key, params: { kind, agentId: ownerAgent }, json: body.body('') });
            const { status } = exchange.response;
            if (status < 300) return breach(operationId, key, exchange, `reached ${owner}'s agent ${ownerAgent}`);
            // The same request from the owner onto its own agent: where it succeeds, the attempt could have too, and
            // only a refusal on tenancy's grounds (403 or 404) passes.
            const ownerControl = await context.call(operationId, { key: context.keyWith(scopesOf(operationId), owner) ?? ownerKey, params: { kind, agentId: ownerAgent }, json: body.body('_own') });
            if (ownerControl.response.status >= 300) {
              // A provider that ships no pack has none to install in any organization: nothing to probe there.
              if (operationId === 'installIntegrationPack' && (await shipsNoPack(kind))) return;
              context.notProbed(CHECK, probe(operationId, kind), `the same request from ${owner} onto its own agent was answered ${ownerControl.response.status} on this target, so a refusal proves nothing`);
              return;
            }
            context.probed(CHECK, probe(operationId, kind));
            if (status !== 403 && status !== 404) {
              context.fail(CHECK, 'unexpected_status', operationId, `key ${key.name} of ${other} (${kind} connected and discovered there too) on ${owner}'s agent: expected 403 or 404, got ${status} (the same request from ${owner} got ${ownerControl.response.status})`, exchange);
            }
          }),
        ]);
      }),
    );
  },
};
