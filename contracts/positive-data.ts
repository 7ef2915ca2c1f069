import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { CallOptions, SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { arbitraryFor } from '../src/contract/schema-arbitrary.js';
import { readSchema, validReadBinding } from './support/discovered.js';
import { credentialKinds, OAUTH_KINDS, SQL_KINDS } from './support/providers.js';
import { bodySchemaFor, requiredQuery } from './support/requests.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith } from './support/session.js';

/** How to put the target in a state where an operation should succeed, and the kinds that allows. */
interface Precondition {
  readonly kinds: (context: SuiteContext) => readonly string[];
  readonly needs: 'nothing' | 'connected' | 'discovered';
}

const CREDENTIAL_KINDS = (context: SuiteContext) => credentialKinds(context);
const PRECONDITIONS: Readonly<Record<string, Precondition>> = {
  listIntegrationCatalog: { kinds: () => [''], needs: 'nothing' },
  listIntegrations: { kinds: () => [''], needs: 'nothing' },
  connectIntegration: { kinds: (c) => [...OAUTH_KINDS, ...credentialKinds(c)].filter((k) => c.kinds.includes(k)), needs: 'nothing' },
  disconnectIntegration: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  testSqlConnection: { kinds: (c) => SQL_KINDS.filter((k) => c.kinds.includes(k)), needs: 'nothing' },
  getSqlScripts: { kinds: (c) => SQL_KINDS.filter((k) => c.kinds.includes(k)), needs: 'nothing' },
  discoverIntegration: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  getIntegrationSchema: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
  listIntegrationObjects: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
  getIntegrationScoping: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  setIntegrationScoping: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  createIntegrationBinding: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
};

const REFUSED_AS_INVALID = new Set([400, 415, 422]);

/** A valid request, sent in a state where it should succeed, is not refused as invalid. */
export const positiveDataAcceptance: Suite = {
  id: 'positive_data_acceptance',
  skipReason: (context) => (context.keyWith([...ADMIN_SCOPES, 'skills:write']) ? undefined : 'needs a key with integrations:read, write, connect and skills:write'),
  property(context) {
    const key = context.keyWith([...ADMIN_SCOPES, 'skills:write'])!;
    const agentId = context.agentOf(key.org);
    const cases = context.operations.flatMap((operation) => {
      const precondition = PRECONDITIONS[operation.operationId];
      if (!precondition || (operation.pathTemplate.includes('{agentId}') && !agentId)) return [];
      return precondition.kinds(context).map((kind) => ({ operation, kind, needs: precondition.needs }));
    });
    const input = fc.constantFrom(...cases).chain(({ operation, kind, needs }) => {
      const schema = bodySchemaFor(context, operation, kind);
      const optional = operation.parameters.filter((p) => p.in === 'query' && !p.required && p.name !== 'cursor');
      return fc.record({
        operation: fc.constant(operation),
        kind: fc.constant(kind),
        needs: fc.constant(needs),
        query: fc.tuple(requiredQuery(operation), fc.record(Object.fromEntries(optional.map((p) => [p.name, arbitraryFor(p.schema).map(String)])), { requiredKeys: [] })).map(([a, b]) => ({ ...a, ...b })),
        json: schema ? arbitraryFor(schema) : fc.constant(undefined),
        credentials: credentialsFor(kind),
        suffix: fc.stringMatching(/^[a-z0-9]{10}$/),
        pick: fc.nat(20),
      });
    });
    return fc.asyncProperty(input, async (c) =>
      context.run(async () => {
        if (c.needs !== 'nothing') await connectWith(context, key, c.kind, c.credentials);
        if (c.needs === 'discovered') await context.call('discoverIntegration', { key, params: { kind: c.kind } });
        const options: CallOptions = { key, params: { kind: c.kind, agentId }, query: c.query as Record<string, string>, json: c.json };
        if (c.operation.operationId === 'connectIntegration') registerSecrets(context, c.json);
        const json = c.operation.operationId === 'createIntegrationBinding' ? await bindingFor(context, key, c.kind, `positive_${c.suffix}`, c.pick) : c.json;
        if (json === null) return; // the target's schema offers nothing to bind: nothing to assert
        const exchange = await context.call(c.operation.operationId, { ...options, json });
        if (REFUSED_AS_INVALID.has(exchange.response.status)) {
          context.fail('positive_data_acceptance', 'unexpected_status', c.operation.operationId, `a valid request was refused with ${exchange.response.status}`, exchange);
        }
      }),
    );
  },
};

async function bindingFor(context: SuiteContext, key: ConfiguredKey, kind: string, toolName: string, pick: number): Promise<unknown> {
  const schema = await readSchema(context, key, kind);
  return (schema && validReadBinding(schema, toolName, pick)) ?? null;
}

function registerSecrets(context: SuiteContext, body: unknown): void {
  const credentials = (body as { credentials?: Record<string, unknown> } | undefined)?.credentials;
  for (const [field, value] of Object.entries(credentials ?? {})) {
    if (typeof value === 'string' && field !== 'sslmode' && field !== 'port' && new Set(value).size >= 4 && value.length >= 10) context.submitSecret(value);
  }
}
