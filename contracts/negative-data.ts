import fc from 'fast-check';
import type { CallOptions, SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { bodyMutations } from './support/mutations.js';
import { establish, PRECONDITIONS } from './support/preconditions.js';
import { kindsFor, OAUTH_KINDS } from './support/providers.js';
import { bodySchemaFor, wellFormedRequest } from './support/requests.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES } from './support/session.js';

interface InvalidRequest {
  readonly broke: string;
  readonly options: CallOptions;
}

/** Invalid variants of a well-formed request: its body mutated, a wrong media type, a kind outside the enum, bad query parameters. */
function invalidVariants(context: SuiteContext, operation: SpecOperation, options: CallOptions): InvalidRequest[] {
  const kind = options.params?.kind ?? '';
  const variants: InvalidRequest[] = [];
  if (operation.pathTemplate.includes('{kind}')) variants.push({ broke: 'path kind (outside the enum)', options: { ...options, params: { ...options.params, kind: 'not_a_kind' } } });
  const schema = bodySchemaFor(context, operation, kind);
  // An oauth2 connect ignores its body (seed: credentials are "ignored for oauth2"), so breaking it proves nothing.
  const bodyIgnored = operation.operationId === 'connectIntegration' && (OAUTH_KINDS as readonly string[]).includes(kind);
  if (schema && options.json !== undefined && !bodyIgnored) {
    for (const mutation of bodyMutations(schema, options.json)) {
      if (mutation.value !== undefined || operation.requestBody?.required) {
        variants.push({ broke: `body ${mutation.field}: ${mutation.description}`, options: { ...options, json: mutation.value } });
      }
    }
    variants.push({ broke: 'media type (text/plain)', options: { ...options, json: undefined, raw: { body: JSON.stringify(options.json), contentType: 'text/plain' } } });
    variants.push({ broke: 'body (malformed JSON)', options: { ...options, json: undefined, raw: { body: '{"unterminated": ', contentType: 'application/json' } } });
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.schema)) {
    const bad = parameter.schema!.type === 'integer' ? 'not-a-number' : parameter.schema!.pattern ? '!! not matching !!' : undefined;
    if (bad) variants.push({ broke: `query ${parameter.name} (${bad})`, options: { ...options, query: { ...options.query, [parameter.name]: bad } } });
    if (parameter.required) {
      const { [parameter.name]: _, ...rest } = options.query ?? {};
      variants.push({ broke: `query ${parameter.name} (missing)`, options: { ...options, query: rest } });
    }
  }
  return variants;
}

/**
 * An invalid request is answered 4xx: never accepted (2xx) and never a server error (5xx). Each run puts the
 * target where the valid request would succeed (connected, discovered), so that only validation can refuse
 * the invalid variants, then sends every one of them.
 */
export const negativeDataRejection: Suite = {
  id: 'negative_data_rejection',
  property(context) {
    // An admin key (one per organization, taking turns) sets the state up and sends the variants.
    const admins = context.keysWith([...ADMIN_SCOPES, 'skills:write']);
    const cases = context.operations
      .map((operation) => ({ operation, keys: admins.length ? admins : context.config.keys.filter((key) => operation.scopes.every((s) => key.scopes.includes(s))).slice(0, 1) }))
      .filter((c) => c.keys.length > 0)
      // only operations with something to break: a kind, a body or query parameters
      .filter(({ operation }) => operation.pathTemplate.includes('{kind}') || operation.requestBody || operation.parameters.some((p) => p.in === 'query'));
    const input = fc.constantFrom(...cases).chain(({ operation, keys }) => {
      const precondition = PRECONDITIONS[operation.operationId];
      const kinds = precondition?.kinds(context).filter(Boolean) ?? [];
      return wellFormedRequest(context, operation, kinds.length ? kinds : kindsFor(context, operation)).chain((options) =>
        fc.tuple(fc.constant(operation), fc.constant(keys), fc.constant(options), credentialsFor(options.params?.kind ?? '')),
      );
    });
    return fc.asyncProperty(input, async ([operation, keys, generated, credentials]) =>
      context.runAs(keys, generated.params?.kind ?? '', async (key) => {
        // The key's own organization's agent, for the operations on an agent.
        const options = { ...generated, params: { ...generated.params, agentId: context.agentOf(key.org) ?? generated.params?.agentId } };
        const needs = PRECONDITIONS[operation.operationId]?.needs ?? 'nothing';
        if (admins.length && needs !== 'nothing') await establish(context, key, needs, options.params?.kind ?? '', credentials);
        // Each variant is refused by validation alone, whatever the others did: they go side by side.
        const variants = invalidVariants(context, operation, options);
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
