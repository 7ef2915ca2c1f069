import { refusedHostReason } from '../../../src/mock/host-policy.js';
import { MAX_BODY_BYTES, type MockRequest, type MockResponse } from '../../../src/mock/types.js';
import type { AllowedVariant } from '../allowed-variants.js';
import { parse, pathOf } from '../broken-variants/helpers.js';

const problem = (status: number, code: string, title: string, request: MockRequest, extra: object = {}): MockResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail: title, instance: pathOf(request), code, ...extra }),
});

/** Correct choices the contract leaves open on refusing private hosts and oversized bodies. */
export const HOST_AND_BODY_LIMIT_ALLOWED: readonly AllowedVariant[] = [
  {
    name: 'sql/test refuses a private host with 422 naming credentials.host ("or a 422 problem naming credentials.host")',
    checks: 'private_host_refusal',
    handle: (core, request) => {
      const host = parse(request)?.credentials?.host;
      if (request.method === 'POST' && pathOf(request).endsWith('/sql/test') && typeof host === 'string' && refusedHostReason(host)) {
        return problem(422, 'host_refused', 'Host refused', request, { errors: [{ field: 'credentials.host', message: 'resolves to a private, loopback or metadata address' }] });
      }
      return core.handle(request);
    },
  },
  {
    name: 'an oversized body gets 400 rather than 413 (another declared 4xx)',
    checks: 'body_limit',
    handle: (core, request) => {
      if ((request.body?.length ?? 0) <= MAX_BODY_BYTES) return core.handle(request);
      return problem(400, 'validation_error', 'Validation failure', request, { errors: [{ field: 'body', message: 'is too large' }] });
    },
  },
  {
    // As a real server does, from the declared Content-Length alone and before reading the body, and closing
    // the connection. Here the adapter has read the body already; test/contract/hostile-targets.test.ts has a
    // server that answers before the upload ends and resets the connection.
    name: 'an oversized body is answered 413 from its Content-Length, and the connection closed',
    checks: 'body_limit',
    handle: (core, request) => {
      if (Number(request.headers['content-length'] ?? 0) <= MAX_BODY_BYTES) return core.handle(request);
      const refused = problem(413, 'payload_too_large', 'Payload too large', request);
      return { ...refused, headers: { ...refused.headers, connection: 'close' } };
    },
  },
];
