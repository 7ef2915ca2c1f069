import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import { kindsFor } from './support/providers.js';
import { wellFormedRequest } from './support/requests.js';

/** Every operation answers 401 to a request without a usable key, however the header is wrong. */
export const authRequired: Suite = {
  id: 'auth_required',
  property(context) {
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('Bearer', 'Bearer ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Token flowyte_sk_test', 'flowyte_sk_test'),
      fc.stringMatching(/^[a-z0-9]{8,24}$/).map((tail) => `Bearer flowyte_sk_test_unknown_${tail}`),
    );
    const operation = fc.constantFrom(...context.operations);
    const request = operation.chain((op) => fc.tuple(fc.constant(op), wellFormedRequest(context, op, kindsFor(context, op))));
    return fc.asyncProperty(request, authorization, async ([op, options], header) =>
      // No lane: a request without a usable key changes nothing (a target that lets one through fails here).
      context.run('', async () => {
        const exchange = await context.call(op.operationId, { ...options, key: null, authorization: header });
        if (exchange.response.status !== 401) {
          context.fail('auth_required', 'unexpected_status', op.operationId, `expected 401 for Authorization ${header === undefined ? '(none)' : JSON.stringify(header)}, got ${exchange.response.status}`, exchange);
        }
      }),
    );
  },
};
