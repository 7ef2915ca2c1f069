import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { arbitraryFor } from '../src/contract/schema-arbitrary.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { goalOf, joinReadBinding, pickOne, validReadBinding, writeBindings } from './support/bindings.js';
import { readSchema } from './support/discovered.js';
import { actionSlugs, connectableKinds } from './support/provisioning.js';
import { establish, PRECONDITIONS } from './support/preconditions.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { bodySchemaFor, requiredQuery } from './support/requests.js';
import { credentialsAtBounds, credentialsFor, sqlDescriptor } from './support/secrets.js';
import { ADMIN_SCOPES, RUN_NONCE, submitCredentials } from './support/session.js';

const REFUSED_AS_INVALID = new Set([400, 415, 422]);

/** Numbers tool names: skills outlive the runs, and a shrunk run that took a name again would meet a 409. */
let toolNames = 0;

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

/** The bindings the report says some run sent, or why none could: the schema decides whether there is one to send. */
const PROBES = {
  write: 'a write binding',
  sqlWrite: 'a postgres/mysql write binding, as an insert and as an update by key',
  join: 'a join projection',
} as const;

/**
 * Each operation with each kind it can succeed on, in the state that takes. Bindings go to the OAuth kinds
 * too, where the target lets a program approve: theirs are the writes that are not SQL.
 */
function acceptanceCases(context: SuiteContext, keys: readonly ConfiguredKey[]) {
  return context.operations.flatMap((operation) => {
    const precondition = PRECONDITIONS[operation.operationId];
    if (!precondition || (operation.pathTemplate.includes('{agentId}') && !keys.some((key) => context.agentOf(key.org)))) return [];
    const kinds = operation.operationId === 'createIntegrationBinding' ? connectableKinds(context) : precondition.kinds(context);
    return kinds.map((kind) => ({ operation, kind, needs: precondition.needs }));
  });
}

/** A valid request, sent in a state where it should succeed, is not refused as invalid. */
export const positiveDataAcceptance: Suite = {
  id: 'positive_data_acceptance',
  skipReason: (context) => (context.keyWith([...ADMIN_SCOPES, 'skills:write']) ? undefined : 'needs a key with integrations:read, write, connect and skills:write'),
  operations: (context) => [...new Set(acceptanceCases(context, context.keysWith([...ADMIN_SCOPES, 'skills:write'])).map((c) => c.operation.operationId))],
  property(context) {
    const keys = context.keysWith([...ADMIN_SCOPES, 'skills:write']);
    const input = fc.constantFrom(...acceptanceCases(context, keys)).chain(({ operation, kind, needs }) => {
      const optional = operation.parameters.filter((p) => p.in === 'query' && !p.required && p.name !== 'cursor');
      return fc.record({
        operation: fc.constant(operation),
        kind: fc.constant(kind),
        needs: fc.constant(needs),
        query: fc.tuple(requiredQuery(operation), fc.record(Object.fromEntries(optional.map((p) => [p.name, arbitraryFor(p.schema).map(String)])), { requiredKeys: [] })).map(([a, b]) => ({ ...a, ...b }) as Record<string, string>),
        json: validBody(context, operation, kind),
        // The connect that sets the state up is judged too: half of them at the contract's bounds, where stores break.
        credentials: kind ? fc.oneof(credentialsFor(kind), credentialsAtBounds(kind)) : fc.constant({}),
        pick: fc.nat(20),
      });
    });
    // Operations on an agent take the key of an organization with an agent.
    const keysFor = (operation: SpecOperation) => keys.filter((key) => !operation.pathTemplate.includes('{agentId}') || context.agentOf(key.org));
    return fc.asyncProperty(input, async (c) =>
      context.runAs(keysFor(c.operation), c.kind, async (key) => {
        const agentId = context.agentOf(key.org);
        const connect = await establish(context, key, c.needs, c.kind, c.credentials, c.operation.operationId);
        if (connect && REFUSED_AS_INVALID.has(connect.response.status)) {
          context.fail('positive_data_acceptance', 'unexpected_status', 'connectIntegration', `valid ${c.kind} credentials were refused with ${connect.response.status}`, connect);
        }
        if (c.operation.operationId === 'connectIntegration') submitCredentials(context, (c.json as { credentials?: Record<string, unknown> } | undefined)?.credentials ?? {});
        const requests = await bodiesFromTarget(context, key, c.operation.operationId, c.kind, `positive_${RUN_NONCE}_${++toolNames}`, c.pick, c.json);
        if (requests === null) return; // the target's schema offers nothing to bind: nothing to assert
        // Requests that cannot affect each other go side by side, and so do a SQL write's two forms, of which a target accepts the one that fits.
        await Promise.all(
          requests.map(async (alternatives) => {
            const exchanges = await Promise.all(alternatives.map((json) => context.call(c.operation.operationId, { key, params: { kind: c.kind, agentId }, query: c.query, json })));
            const refused = exchanges.filter((exchange) => REFUSED_AS_INVALID.has(exchange.response.status) && !goalUnmatched(c.operation.operationId, exchange));
            if (refused.length < exchanges.length) return;
            const statuses = refused.map((exchange) => exchange.response.status);
            const message = statuses.length > 1 ? `a valid write was refused in every form, as an insert and as an update by key: ${statuses.join(', ')}` : `a valid request was refused with ${statuses[0]}`;
            context.fail('positive_data_acceptance', 'unexpected_status', c.operation.operationId, message, refused[refused.length - 1]);
          }),
        );
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
 * The bodies of an operation whose valid values depend on the target's data: bindings of the schema it
 * discovered (a read, a read with a join, a write, as the schema allows), a goal naming one of its read
 * operations, slugs of the actions it lists. Other operations keep the generated body. Each request is a
 * list of alternatives, of which a target must accept one; null when the target offers nothing to build from.
 */
async function bodiesFromTarget(context: SuiteContext, key: ConfiguredKey, operationId: string, kind: string, toolName: string, pick: number, generated: unknown): Promise<unknown[][] | null> {
  if (operationId === 'provisionIntegrationActions') {
    const slugs = (await actionSlugs(context, key, kind)) ?? [];
    // No body and `{}` both mean "every important action".
    if (!slugs.length || pick % 3 === 0) return [[pick % 2 ? undefined : {}]];
    return [[{ actions: [slugs[pick % slugs.length]] }]];
  }
  if (operationId !== 'createIntegrationBinding' && operationId !== 'autoBindIntegration') return [[generated]];
  const schema = await readSchema(context, key, kind);
  const sql = (SQL_KINDS as readonly string[]).includes(kind);
  const binding = schema && validReadBinding(schema, toolName, pick, sql);
  if (!binding) return null;
  if (operationId === 'autoBindIntegration') {
    const read = schema.operations.find((operation) => operation.name === binding.operation)!;
    return [[{ goal: goalOf(read), toolName }]];
  }
  const requests: unknown[][] = [[binding]];
  const writeProbe = sql ? PROBES.sqlWrite : PROBES.write;
  const write = pickOne(writeBindings(schema, `${toolName}_w`, sql, pick % 2 === 1), pick);
  if (write) {
    context.probed('positive_data_acceptance', writeProbe);
    requests.push([...write.forms]);
  } else {
    const why = sql ? 'no write whose required fields are all marked piiClass null, on an object with a primary or unique key marked so' : 'no write whose required fields are all marked piiClass null';
    context.notProbed('positive_data_acceptance', writeProbe, `the discovered ${kind} schema has ${why}`);
  }
  // The docs give the join for SQL ("For a SQL one-hop FK join"); the contract, for every kind (an x-inferred choice).
  const joins = sql || !context.documentedOnly;
  const join = joins ? joinReadBinding(schema, `${toolName}_j`, pick, sql) : undefined;
  if (join) {
    context.probed('positive_data_acceptance', PROBES.join);
    requests.push([join]);
  } else {
    context.notProbed('positive_data_acceptance', PROBES.join, joins ? `no read of the discovered ${kind} schema is on an object with a relationship` : 'the docs give joins for postgres and mysql only');
  }
  return requests;
}
