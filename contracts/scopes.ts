import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Suite } from '../src/contract/suite.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { credentialKinds, kindsFor } from './support/providers.js';
import { wellFormedRequest } from './support/requests.js';
import { PRECONDITIONS } from './support/preconditions.js';
import { seedState, snapshot } from './support/state.js';

/** The operations whose scope the suites judge: with --documented-only, those whose scope the docs give. */
function scopedOperations(context: Pick<SuiteContext, 'operations' | 'documentedOnly'>) {
  return context.operations.filter((operation) => !(context.documentedOnly && operation.scopeInferred));
}

/** Operation and key pairs where the key holds (or lacks) the scope; with --documented-only, only documented scopes. */
function pairs(context: Pick<SuiteContext, 'operations' | 'documentedOnly'>, keys: readonly ConfiguredKey[], holds: boolean) {
  return scopedOperations(context).flatMap((operation) =>
    keys.filter((key) => operation.scopes.every((scope) => key.scopes.includes(scope)) === holds).map((key) => ({ operation, key })),
  );
}

/** A key without the operation's scope gets 403, and the organizations' integrations stay as they were. */
export const scopeEnforced: Suite = {
  id: 'scope_enforced',
  operations: (context) => scopedOperations(context).map((operation) => operation.operationId),
  skipReason: (context) => (pairs(context, context.config.keys, false).length ? undefined : 'every configured key holds every scope: configure a key that lacks one'),
  property(context) {
    // A kind the suites can connect, so that a missing scope check would have something to change.
    const kindsOf = (operation: SpecOperation) => {
      const connectable = kindsFor(context, operation).filter((kind) => credentialKinds(context).includes(kind));
      return connectable.length ? connectable : kindsFor(context, operation).slice(0, 1);
    };
    const cases = pairs(context, context.config.keys, false);
    const request = fc.constantFrom(...cases).chain(({ operation, key }) =>
      fc.constantFrom(...kindsOf(operation)).chain((kind) =>
        fc.tuple(fc.constant(operation), fc.constant(key), fc.constant(kind), wellFormedRequest(context, operation, [kind], key.org), fc.integer()),
      ),
    );
    return fc.asyncProperty(request, async ([operation, key, kind, options, seed]) =>
      context.run(kind, async () => {
        await seedState(context, kind, seed, PRECONDITIONS[operation.operationId]?.needs ?? 'discovered');
        const before = await snapshot(context, kind);
        const exchange = await context.call(operation.operationId, { ...options, key });
        if (exchange.response.status !== 403) {
          context.fail('scope_enforced', 'unexpected_status', operation.operationId, `key ${key.name} lacks ${operation.scopes.join(', ')}: expected 403, got ${exchange.response.status}`, exchange);
        }
        const after = await snapshot(context, kind);
        if (after !== before) {
          context.fail('scope_enforced', 'state_changed', operation.operationId, `a request refused for scope (key ${key.name} of ${key.org}) changed the integrations: before ${before}, after it ${after}`, exchange);
        }
      }),
    );
  },
};

/** A key holding the operation's scope is never refused with 401 or 403. */
export const scopeSufficient: Suite = {
  id: 'scope_sufficient',
  operations: (context) => scopedOperations(context).map((operation) => operation.operationId),
  skipReason: (context) => (pairs(context, context.config.keys, true).length ? undefined : 'no configured key holds any operation\'s scope'),
  property(context) {
    const cases = pairs(context, context.config.keys, true).filter(
      ({ operation, key }) => !operation.pathTemplate.includes('{agentId}') || context.agentOf(key.org),
    );
    const request = fc.constantFrom(...cases).chain(({ operation, key }) =>
      fc.tuple(fc.constant(operation), fc.constant(key), wellFormedRequest(context, operation, kindsFor(context, operation), key.org)),
    );
    return fc.asyncProperty(request, async ([operation, key, options]) =>
      context.run(options.params?.kind ?? '', async () => {
        const exchange = await context.call(operation.operationId, { ...options, key });
        if (exchange.response.status === 401 || exchange.response.status === 403) {
          context.fail('scope_sufficient', 'unexpected_status', operation.operationId, `key ${key.name} holds ${operation.scopes.join(', ')} but was refused with ${exchange.response.status}`, exchange);
        }
      }, key.org),
    );
  },
};
