import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { goalOf, validReadBinding } from './support/bindings.js';
import { readSchema } from './support/discovered.js';
import { declaredBodyLimit, paddedBodies } from './support/padded-bodies.js';
import { establish, PRECONDITIONS, type Precondition } from './support/preconditions.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, RUN_NONCE, submitCredentials } from './support/session.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];

type Size = 'over' | 'at';

/** Credentials of a fixed draw per kind: which valid credentials they are does not matter here. */
const fixedCredentials = (kind: string) => fc.sample(credentialsFor(kind), { seed: 7, numRuns: 1 })[0]!;

/**
 * The tool a binding probe names: one per probe, kind and test run ("a tool name once per agent"). The body
 * over the limit is refused by a conformant target and creates nothing, so its name stays free for every run.
 * The one at the limit creates its skill once; later runs get 409 for the name, which still shows that the
 * size was not refused (a limit is checked before a body is read, let alone looked up).
 */
const toolNameOf = (operationId: string, kind: string, size: Size) => `limit_${size}_${operationId === 'autoBindIntegration' ? 'auto' : 'bind'}_${kind}_${RUN_NONCE}`;

/**
 * A body each operation would accept in the state its precondition sets up; undefined when the target offers
 * nothing to make one from (no read in its discovered schema). Each is the same in every run of an operation,
 * kind and size, so that the runs share one padded string: a run keeps its requests until the suite ends, and
 * a fresh 1 MiB body per run would grow with --runs.
 */
const SUCCEEDING_BODY: Readonly<Record<string, (context: SuiteContext, key: ConfiguredKey, kind: string, size: Size) => Promise<unknown>>> = {
  connectIntegration: async (_, __, kind) => ({ credentials: fixedCredentials(kind) }),
  testSqlConnection: async (_, __, kind) => ({ credentials: fixedCredentials(kind) }),
  setIntegrationScoping: async () => ({ blockedTables: ['flowyte_contract_probe'] }),
  // "omit/empty to provision every important action"
  provisionIntegrationActions: async () => ({}),
  createIntegrationBinding: async (context, key, kind, size) => {
    const schema = await readSchema(context, key, kind);
    return schema && validReadBinding(schema, toolNameOf('createIntegrationBinding', kind, size), 0, (SQL_KINDS as readonly string[]).includes(kind));
  },
  autoBindIntegration: async (context, key, kind, size) => {
    const schema = await readSchema(context, key, kind);
    const binding = schema && validReadBinding(schema, '', 0, (SQL_KINDS as readonly string[]).includes(kind));
    const read = binding && schema.operations.find((operation) => operation.name === binding.operation);
    const goal = read && goalOf(read);
    return goal ? { goal, toolName: toolNameOf('autoBindIntegration', kind, size) } : undefined;
  },
};

interface LimitCase {
  readonly operation: SpecOperation;
  readonly kind: string;
  readonly needs: Precondition['needs'];
  readonly limit: number;
}

const probeOf = (operation: SpecOperation, size: Size) => `${operation.operationId}: a valid body ${size === 'over' ? 'one byte over' : 'of exactly'} the limit`;

/**
 * Each operation that declares 413 and states its limit, with each kind it can succeed on in a state the suite
 * sets up by itself on any target: the kinds that take credentials (an oauth2 connect ignores its body, and
 * only the mock lets a program approve an authorization).
 */
function limitCases(context: SuiteContext): LimitCase[] {
  const agentKeys = context.keysWith(SCOPES, true);
  return context.operations.flatMap((operation) => {
    const limit = declaredBodyLimit(operation);
    const precondition = PRECONDITIONS[operation.operationId];
    if (limit === undefined || !precondition || !SUCCEEDING_BODY[operation.operationId]) return [];
    if (operation.pathTemplate.includes('{agentId}') && !agentKeys.length) return [];
    const kinds = precondition.kinds(context).filter((kind) => credentialKinds(context).includes(kind));
    return kinds.map((kind) => ({ operation, kind, needs: precondition.needs, limit }));
  });
}

/** The statuses the operation declares for a refusal of the client's request: 413 and the other 4xx. */
function declaredRefusal(operation: SpecOperation, status: number): boolean {
  return status >= 400 && status <= 499 && (String(status) in operation.responses || '4XX' in operation.responses);
}

/**
 * A body over the limit the contract states gets 413 or another 4xx the operation declares, never 2xx or 5xx;
 * the same body at exactly the limit is not refused as too large. Both are valid requests in a state where
 * they would succeed, padded with insignificant whitespace.
 */
export const bodyLimit: Suite = {
  id: 'body_limit',
  skipReason(context) {
    if (!context.keyWith(SCOPES)) return 'needs a key with integrations:read, write, connect and skills:write';
    return limitCases(context).length ? undefined : 'no operation the suite can make a valid body for declares a 413 stating its size limit';
  },
  operations: (context) => [...new Set(limitCases(context).map((c) => c.operation.operationId))],
  property(context) {
    const keys = context.keysWith(SCOPES);
    for (const operation of context.operations) {
      if (operation.responses['413'] && !limitCases(context).some((c) => c.operation === operation)) {
        const reason = declaredBodyLimit(operation) === undefined ? 'its 413 states no size limit' : 'the suite knows no body it must accept';
        for (const size of ['over', 'at'] as const) context.notProbed('body_limit', probeOf(operation, size), reason);
      }
    }
    // One probe a run, over or at the limit: a 1 MiB request costs as much as several small ones.
    const input = fc.record({ case: fc.constantFrom(...limitCases(context)), size: fc.constantFrom<Size>('over', 'at') });
    return fc.asyncProperty(input, async ({ case: c, size }) => {
      const { operation, kind, needs, limit } = c;
      const operationId = operation.operationId;
      const runKeys = keys.filter((key) => !operation.pathTemplate.includes('{agentId}') || context.agentOf(key.org));
      // A SQL test stores nothing ("without storing anything"): it takes no kind's lane.
      return context.runAs(runKeys, operationId === 'testSqlConnection' ? '' : kind, async (key) => {
        // A refusal proves nothing about the limit unless the same request would have succeeded: the set-up must have.
        const connect = await establish(context, key, needs, kind, fixedCredentials(kind));
        if (connect && connect.response.status >= 300) return context.notProbed('body_limit', probeOf(operation, size), `connecting ${kind} to set the state up answered ${connect.response.status}`);
        const json = await SUCCEEDING_BODY[operationId]!(context, key, kind, size);
        if (json === undefined) return context.notProbed('body_limit', probeOf(operation, size), `the discovered ${kind} schema offers no read to bind`);
        const credentials = (json as { credentials?: Record<string, unknown> }).credentials;
        // Not the host: the contract's own example of a SQL test's answer names it.
        if (credentials) submitCredentials(context, { ...credentials, host: undefined });
        const bodies = paddedBodies(context, JSON.stringify(json), limit);
        context.probed('body_limit', probeOf(operation, size));
        const exchange = await context.call(operationId, {
          key,
          params: { kind, agentId: context.agentOf(key.org) },
          raw: { body: size === 'over' ? bodies.overLimit : bodies.atLimit, contentType: 'application/json' },
        });
        const status = exchange.response.status;
        const fail = (message: string) => context.fail('body_limit', 'unexpected_status', operationId, `${kind}: ${message}`, exchange);
        if (size === 'over' && !declaredRefusal(operation, status)) fail(`a valid body of ${limit + 1} bytes, over the ${limit}-byte limit, got ${status}: expected 413 or another declared 4xx`);
        if (size === 'at' && status === 413) fail(`a valid body of exactly the ${limit}-byte limit was refused as too large (413)`);
      });
    });
  },
};
