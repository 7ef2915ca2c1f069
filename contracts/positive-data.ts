import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { arbitraryFor } from '../src/contract/schema-arbitrary.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { readSchema, validReadBinding } from './support/discovered.js';
import { actionSlugs } from './support/provisioning.js';
import { establish, PRECONDITIONS } from './support/preconditions.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { bodySchemaFor, requiredQuery } from './support/requests.js';
import { credentialsFor, sqlDescriptor } from './support/secrets.js';
import { ADMIN_SCOPES, RUN_NONCE, submitCredentials } from './support/session.js';

const REFUSED_AS_INVALID = new Set([400, 415, 422]);

/**
 * A valid body for the operation and kind. Credentials come from the suites' own generators (public
 * example.com hosts, no ca_pem): a random but schema-valid host such as "0" is one a server may refuse.
 */
function validBody(context: SuiteContext, operation: SpecOperation, kind: string): fc.Arbitrary<unknown> {
  if (operation.operationId === 'connectIntegration') {
    // oauth2 kinds take no body (credentials are ignored for them)
    return credentialKinds(context).includes(kind) ? credentialsFor(kind).map((credentials) => ({ credentials })) : fc.constant(undefined);
  }
  if (operation.operationId === 'testSqlConnection') return sqlDescriptor.map((credentials) => ({ credentials }));
  const schema = bodySchemaFor(context, operation, kind);
  return schema ? arbitraryFor(schema) : fc.constant(undefined);
}

/** A valid request, sent in a state where it should succeed, is not refused as invalid. */
export const positiveDataAcceptance: Suite = {
  id: 'positive_data_acceptance',
  skipReason: (context) => (context.keyWith([...ADMIN_SCOPES, 'skills:write']) ? undefined : 'needs a key with integrations:read, write, connect and skills:write'),
  property(context) {
    const keys = context.keysWith([...ADMIN_SCOPES, 'skills:write']);
    const cases = context.operations.flatMap((operation) => {
      const precondition = PRECONDITIONS[operation.operationId];
      if (!precondition || (operation.pathTemplate.includes('{agentId}') && !keys.some((key) => context.agentOf(key.org)))) return [];
      return precondition.kinds(context).map((kind) => ({ operation, kind, needs: precondition.needs }));
    });
    const input = fc.constantFrom(...cases).chain(({ operation, kind, needs }) => {
      const optional = operation.parameters.filter((p) => p.in === 'query' && !p.required && p.name !== 'cursor');
      return fc.record({
        operation: fc.constant(operation),
        kind: fc.constant(kind),
        needs: fc.constant(needs),
        query: fc.tuple(requiredQuery(operation), fc.record(Object.fromEntries(optional.map((p) => [p.name, arbitraryFor(p.schema).map(String)])), { requiredKeys: [] })).map(([a, b]) => ({ ...a, ...b }) as Record<string, string>),
        json: validBody(context, operation, kind),
        credentials: kind ? credentialsFor(kind) : fc.constant({}),
        suffix: fc.stringMatching(/^[a-z0-9]{10}$/),
        pick: fc.nat(20),
      });
    });
    // Operations on an agent take the key of an organization with an agent.
    const keysFor = (operation: SpecOperation) => keys.filter((key) => !operation.pathTemplate.includes('{agentId}') || context.agentOf(key.org));
    return fc.asyncProperty(input, async (c) =>
      context.runAs(keysFor(c.operation), c.kind, async (key) => {
        const agentId = context.agentOf(key.org);
        await establish(context, key, c.needs, c.kind, c.credentials);
        if (c.operation.operationId === 'connectIntegration') submitCredentials(context, (c.json as { credentials?: Record<string, unknown> } | undefined)?.credentials ?? {});
        const json = await bodyFromTarget(context, key, c.operation.operationId, c.kind, `positive_${RUN_NONCE}_${c.suffix}`, c.pick, c.json);
        if (json === null) return; // the target's schema offers nothing to bind: nothing to assert
        const exchange = await context.call(c.operation.operationId, { key, params: { kind: c.kind, agentId }, query: c.query, json });
        if (REFUSED_AS_INVALID.has(exchange.response.status) && !goalUnmatched(c.operation.operationId, exchange)) {
          context.fail('positive_data_acceptance', 'unexpected_status', c.operation.operationId, `a valid request was refused with ${exchange.response.status}`, exchange);
        }
      }),
    );
  },
};

/** A 422 naming `goal`: what a goal matches is the implementation's to judge, even one in the schema's own words. */
function goalUnmatched(operationId: string, exchange: Exchange): boolean {
  const errors = (exchange.response.json as { errors?: Array<{ field?: unknown }> } | undefined)?.errors;
  return operationId === 'autoBindIntegration' && exchange.response.status === 422 && Array.isArray(errors) && errors.some((error) => error?.field === 'goal');
}

/**
 * The body of an operation whose valid values depend on the target's data: a binding of the schema it
 * discovered, a goal naming one of its read operations, slugs of the actions it lists. Other operations keep
 * the generated body. Null when the target offers nothing to build one from.
 */
async function bodyFromTarget(context: SuiteContext, key: ConfiguredKey, operationId: string, kind: string, toolName: string, pick: number, generated: unknown): Promise<unknown> {
  if (operationId === 'provisionIntegrationActions') {
    const slugs = (await actionSlugs(context, key, kind)) ?? [];
    // No body and `{}` both mean "every important action".
    if (!slugs.length || pick % 3 === 0) return pick % 2 ? undefined : {};
    return { actions: [slugs[pick % slugs.length]] };
  }
  if (operationId !== 'createIntegrationBinding' && operationId !== 'autoBindIntegration') return generated;
  const schema = await readSchema(context, key, kind);
  const binding = schema && validReadBinding(schema, toolName, pick, (SQL_KINDS as readonly string[]).includes(kind));
  if (!binding) return null;
  // A goal in the schema's own words: the read operation's name and its object's, split into words.
  const read = schema.operations.find((operation) => operation.name === binding.operation)!;
  const goal = `${read.name} ${read.object}`.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return operationId === 'autoBindIntegration' ? { goal, toolName } : binding;
}
