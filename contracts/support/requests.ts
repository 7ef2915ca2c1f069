import fc from 'fast-check';
import type { CallOptions, SuiteContext } from '../../src/contract/suite-context.js';
import { arbitraryFor } from '../../src/contract/schema-arbitrary.js';
import type { JsonSchema } from '../../src/spec/openapi-types.js';
import type { SpecOperation } from '../../src/spec/operations.js';
import { credentialSchemas } from './providers.js';

// One narrowed schema per operation and kind: the arbitraries and validators built from a schema are cached by it.
const narrowed = new WeakMap<SpecOperation, Map<string, JsonSchema>>();

/**
 * The schema a request body must meet for this kind: the operation's body schema, with `credentials`
 * narrowed to the kind's `x-credentials-schema` (and required) where the contract names one. The same
 * object on every call for an operation and kind.
 */
export function bodySchemaFor(context: SuiteContext, operation: SpecOperation, kind: string): JsonSchema | undefined {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const credentials = operation.operationId === 'connectIntegration' ? credentialSchemas(context)[kind] : undefined;
  if (!schema || !credentials) return schema;
  const byKind = narrowed.get(operation) ?? new Map<string, JsonSchema>();
  narrowed.set(operation, byKind);
  const known = byKind.get(kind);
  if (known) return known;
  const required = [...new Set([...((schema.required ?? []) as string[]), 'credentials'])];
  const body = { ...schema, required, properties: { ...(schema.properties as object), credentials } };
  byKind.set(kind, body);
  return body;
}

/** Values for required query parameters, valid against their schemas (e.g. `database` for sql/scripts). */
export function requiredQuery(operation: SpecOperation): fc.Arbitrary<Record<string, string>> {
  const required = operation.parameters.filter((p) => p.in === 'query' && p.required);
  return fc.record(Object.fromEntries(required.map((p) => [p.name, arbitraryFor(p.schema).map(String)])));
}

/**
 * A request for an operation that is well-formed in every part but the key: a kind from the enum, the
 * org's agent, required query parameters and a body valid for the kind.
 */
export function wellFormedRequest(context: SuiteContext, operation: SpecOperation, kinds: readonly string[], org?: string): fc.Arbitrary<CallOptions> {
  const agentId = (org && context.agentOf(org)) ?? Object.values(context.config.agents)[0] ?? 'agt_unknown';
  return fc.constantFrom(...kinds).chain((kind) => {
    const schema = bodySchemaFor(context, operation, kind);
    return fc.record({
      params: fc.constant({ kind, agentId }),
      query: requiredQuery(operation),
      json: schema ? arbitraryFor(schema) : fc.constant(undefined),
    });
  });
}
