import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import { declaredBounds } from '../src/contract/declared-bounds.js';
import type { CallOptions, SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { arbitraryFor } from '../src/contract/schema-arbitrary.js';
import type { JsonSchema } from '../src/spec/openapi-types.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { validReadBinding } from './support/bindings.js';
import { readSchema } from './support/discovered.js';
import { bodyMutations, valueBoundMutations } from './support/mutations.js';
import { establish, PRECONDITIONS } from './support/preconditions.js';
import { kindsFor, OAUTH_KINDS, SQL_KINDS } from './support/providers.js';
import { bodySchemaFor, wellFormedRequest } from './support/requests.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES } from './support/session.js';
import { sampleVariants, type InvalidRequest } from './support/variant-sample.js';

/** Invalid variants of a well-formed request: its body mutated, a wrong media type, a kind outside the enum, bad query parameters. */
function invalidVariants(context: SuiteContext, operation: SpecOperation, options: CallOptions): InvalidRequest[] {
  const kind = options.params?.kind ?? '';
  const variants: InvalidRequest[] = [];
  if (operation.pathTemplate.includes('{kind}')) {
    variants.push({ broke: 'path kind (outside the enum)', bound: false, options: { ...options, params: { ...options.params, kind: 'not_a_kind' } } });
    const near = kind.slice(0, -1);
    if (near && !context.kinds.includes(near)) {
      variants.push({ broke: `path kind: ${JSON.stringify(near)}, a near miss of the enum value ${JSON.stringify(kind)}`, bound: true, options: { ...options, params: { ...options.params, kind: near } } });
    }
  }
  const schema = bodySchemaFor(context, operation, kind);
  // An oauth2 connect ignores its body (seed: credentials are "ignored for oauth2"), so breaking it proves nothing.
  const bodyIgnored = operation.operationId === 'connectIntegration' && (OAUTH_KINDS as readonly string[]).includes(kind);
  if (schema && options.json !== undefined && !bodyIgnored) {
    for (const mutation of bodyMutations(schema, options.json)) {
      if (mutation.value !== undefined || operation.requestBody?.required) {
        variants.push({ broke: `body ${mutation.field}: ${mutation.description}`, bound: mutation.bound, options: { ...options, json: mutation.value } });
      }
    }
    variants.push({ broke: 'media type (text/plain)', bound: false, options: { ...options, json: undefined, raw: { body: JSON.stringify(options.json), contentType: 'text/plain' } } });
    variants.push({ broke: 'body (malformed JSON)', bound: false, options: { ...options, json: undefined, raw: { body: '{"unterminated": ', contentType: 'application/json' } } });
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.schema)) {
    const bad = parameter.schema!.type === 'integer' ? 'not-a-number' : parameter.schema!.pattern ? '!! not matching !!' : undefined;
    if (bad) variants.push({ broke: `query ${parameter.name} (${bad})`, bound: false, options: { ...options, query: { ...options.query, [parameter.name]: bad } } });
    for (const { value, description } of valueBoundMutations(parameter.schema!)) {
      variants.push({ broke: `query ${parameter.name}: ${description}`, bound: true, options: { ...options, query: { ...options.query, [parameter.name]: String(value) } } });
    }
    if (parameter.required) {
      const { [parameter.name]: _, ...rest } = options.query ?? {};
      variants.push({ broke: `query ${parameter.name} (missing)`, bound: false, options: { ...options, query: rest } });
    }
  }
  return variants;
}

/**
 * A binding body the target would accept, so that a variant of it is refused for what it breaks and nothing
 * else: a read of the schema the target discovered, with the drawn tool name, description and `enabled`.
 * When the target offers no read to bind, the drawn parts with an operation it lacks: still a body valid
 * against the schema, which its variants break in one place each.
 */
async function bindingFromTarget(context: SuiteContext, key: ConfiguredKey, kind: string, drawn: Record<string, unknown>, pick: number): Promise<unknown> {
  const schema = await readSchema(context, key, kind);
  const binding = schema && validReadBinding(schema, String(drawn.toolName), pick, (SQL_KINDS as readonly string[]).includes(kind));
  if (!binding) {
    context.notProbed('negative_data_rejection', 'binding variants of a binding the target would accept', `the discovered ${kind} schema offers no read to bind`);
    return { operation: 'an_operation_the_target_lacks', ...drawn };
  }
  context.probed('negative_data_rejection', 'binding variants of a binding the target would accept');
  const { description, enabled } = drawn;
  return { ...binding, ...(description !== undefined && { description }), ...(enabled !== undefined && { enabled }) };
}

/**
 * The parts of a binding body the suite draws (tool name, description, enabled): the rest comes from what
 * the target discovered (see bindingFromTarget), so drawing it would only give shrinking more to undo.
 */
function drawnBindingParts(context: SuiteContext): JsonSchema | undefined {
  const schema = context.operations.find((operation) => operation.operationId === 'createIntegrationBinding')?.requestBody?.content?.['application/json']?.schema;
  const properties = schema?.properties as Record<string, JsonSchema> | undefined;
  if (!properties?.toolName) return undefined;
  const drawn = ['toolName', 'description', 'enabled'].filter((name) => properties[name]);
  return { type: 'object', required: ['toolName'], properties: Object.fromEntries(drawn.map((name) => [name, properties[name]])) };
}

/** The operations the suite sends invalid variants to: those with something to break (a kind, a body, a query parameter). */
function breakable(context: SuiteContext): SpecOperation[] {
  return context.operations.filter((operation) => operation.pathTemplate.includes('{kind}') || operation.requestBody || operation.parameters.some((p) => p.in === 'query'));
}

/** The bounds an operation's request declares: its body's (any kind's credentials too) and its query parameters'. */
function boundsOf(operation: SpecOperation): number {
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const query = operation.parameters.filter((p) => p.in === 'query').flatMap((p) => declaredBounds(p.schema));
  return declaredBounds(body).length + query.length;
}

/**
 * An invalid request is answered 4xx: never accepted (2xx) and never a server error (5xx). Each run puts the
 * target where the valid request would succeed (connected, discovered; a binding of what it discovered),
 * so that only validation can refuse the invalid variants, then sends a bounded sample of them side by side.
 */
export const negativeDataRejection: Suite = {
  id: 'negative_data_rejection',
  operations: (context) => breakable(context).map((operation) => operation.operationId),
  property(context) {
    // An admin key (one per organization, taking turns) sets the state up and sends the variants.
    const admins = context.keysWith([...ADMIN_SCOPES, 'skills:write']);
    const cases = breakable(context)
      .map((operation) => ({ operation, keys: admins.length ? admins : context.config.keys.filter((key) => operation.scopes.every((s) => key.scopes.includes(s))).slice(0, 1) }))
      .filter((c) => c.keys.length > 0);
    // Three runs in four draw the operation evenly, so that every one is reached in a default run; the fourth in
    // proportion to the bounds its request declares, so that an operation with many bounds gets more of them probed.
    const byBounds = fc.oneof(...cases.map((c) => ({ arbitrary: fc.constant(c), weight: 1 + boundsOf(c.operation) })));
    const weighted = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...cases) }, { weight: 1, arbitrary: byBounds });
    const bindingParts = drawnBindingParts(context);
    // With an admin key the suite can discover, and so build a binding the target would accept.
    const fromTarget = (operation: SpecOperation) => admins.length > 0 && operation.operationId === 'createIntegrationBinding';
    const input = weighted.chain(({ operation, keys }) => {
      const precondition = PRECONDITIONS[operation.operationId];
      const kinds = precondition?.kinds(context).filter(Boolean) ?? [];
      const request: fc.Arbitrary<CallOptions> = fromTarget(operation) && bindingParts && kinds.length
        ? fc.record({ params: fc.constantFrom(...kinds).map((kind) => ({ kind })), json: arbitraryFor(bindingParts) })
        : wellFormedRequest(context, operation, kinds.length ? kinds : kindsFor(context, operation));
      // The credentials only set the state up, and the draw only picks the sample: neither is worth shrinking,
      // and a draw kept as it is keeps the failing variant in the sample while the rest shrinks.
      return request.chain((options) =>
        fc.tuple(fc.constant(operation), fc.constant(keys), fc.constant(options), fc.noShrink(credentialsFor(options.params?.kind ?? '')), fc.noShrink(fc.nat())),
      );
    });
    return fc.asyncProperty(input, async ([operation, keys, generated, credentials, draw]) =>
      context.runAs(keys, generated.params?.kind ?? '', async (key) => {
        // The key's own organization's agent, for the operations on an agent.
        const kind = generated.params?.kind ?? '';
        const params = { ...generated.params, agentId: context.agentOf(key.org) ?? generated.params?.agentId };
        const needs = PRECONDITIONS[operation.operationId]?.needs ?? 'nothing';
        if (admins.length && needs !== 'nothing') await establish(context, key, needs, kind, credentials);
        const json = fromTarget(operation) && bindingParts ? await bindingFromTarget(context, key, kind, generated.json as Record<string, unknown>, draw) : generated.json;
        const options: CallOptions = { ...generated, params, json };
        // Each variant is refused by validation alone, whatever the others did: they go side by side.
        const variants = sampleVariants(invalidVariants(context, operation, options), draw);
        const exchanges = await Promise.all(variants.map((invalid) => context.call(operation.operationId, { ...invalid.options, key })));
        exchanges.forEach((exchange, i) => {
          const { status } = exchange.response;
          if (status < 400 || status > 499) {
            context.fail('negative_data_rejection', 'unexpected_status', operation.operationId, `invalid ${variants[i]!.broke}: expected 4xx, got ${status}`, exchange);
          }
        });
      }),
    );
  },
};
