import fc from 'fast-check';
import type { CallOptions } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import type { SpecOperation } from '../src/spec/operations.js';
import { bodyMutations } from './support/mutations.js';
import { bodySchemaFor, wellFormedRequest } from './support/requests.js';

interface InvalidRequest {
  readonly broke: string;
  readonly options: CallOptions;
}

/** Invalid variants of a well-formed request: its body mutated, a wrong media type, a kind outside the enum. */
function invalidRequests(context: Parameters<Suite['property']>[0], operation: SpecOperation): fc.Arbitrary<InvalidRequest[]> {
  return wellFormedRequest(context, operation, context.kinds).map((options) => {
    const kind = options.params?.kind ?? '';
    const variants: InvalidRequest[] = [];
    if (operation.pathTemplate.includes('{kind}')) variants.push({ broke: 'path kind (outside the enum)', options: { ...options, params: { ...options.params, kind: 'not_a_kind' } } });
    const schema = bodySchemaFor(context, operation, kind);
    if (schema && options.json !== undefined) {
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
  });
}

/** An invalid request is answered 4xx: never accepted (2xx) and never a server error (5xx). */
export const negativeDataRejection: Suite = {
  id: 'negative_data_rejection',
  property(context) {
    const cases = context.operations
      .map((operation) => ({ operation, key: context.config.keys.find((key) => operation.scopes.every((s) => key.scopes.includes(s))) }))
      .filter((c) => c.key !== undefined)
      // only operations with something to break: a kind, a body or query parameters
      .filter(({ operation }) => operation.pathTemplate.includes('{kind}') || operation.requestBody || operation.parameters.some((p) => p.in === 'query'));
    const input = fc.constantFrom(...cases).chain(({ operation, key }) =>
      invalidRequests(context, operation).map((variants) => [operation, key!, variants] as const),
    );
    // Each run sends every invalid variant of one well-formed request: single mutations are cheap, and a
    // sample of them would leave most unexercised.
    return fc.asyncProperty(input, async ([operation, key, variants]) =>
      context.run(async () => {
        for (const invalid of variants) {
          const exchange = await context.call(operation.operationId, { ...invalid.options, key });
          const { status } = exchange.response;
          if (status < 400 || status > 499) {
            context.fail('negative_data_rejection', 'unexpected_status', operation.operationId, `invalid ${invalid.broke}: expected 4xx, got ${status}`, exchange);
          }
        }
      }),
    );
  },
};
