import ipaddr from 'ipaddr.js';
import { refusedHostReason } from '../../../src/mock/host-policy.js';
import { MAX_BODY_BYTES, type MockRequest } from '../../../src/mock/types.js';
import type { MockCore } from '../../../src/mock/core.js';
import { parse, pathOf, problem, withBody, type BrokenVariant } from './helpers.js';

const isSqlTest = (request: MockRequest) => request.method === 'POST' && /^\/api\/v1\/integrations\/[a-z_]+\/sql\/test$/.test(pathOf(request));
const hostOf = (request: MockRequest): unknown => parse(request)?.credentials?.host;

/** The mock's own answer to the same test of a public host: every check passed, ok true. */
const testedAsPublic = (core: MockCore, request: MockRequest) => {
  const body = parse(request);
  return core.handle(withBody(request, { ...body, credentials: { ...body.credentials, host: 'db.example.com' } }));
};

/** Whether the host is an IPv6 spelling of loopback: ::1 in any form, or IPv4-mapped 127.0.0.0/8 (::ffff:127.0.0.1, ::ffff:7f00:1). */
const isIpv6Loopback = (host: unknown): boolean => {
  const bare = typeof host === 'string' ? host.trim().replace(/^\[|\]$/g, '') : '';
  if (!ipaddr.IPv6.isValid(bare)) return false;
  const address = ipaddr.IPv6.parse(bare);
  return address.range() === 'loopback' || (address.isIPv4MappedAddress() && address.toIPv4Address().range() === 'loopback');
};

/** The body's bytes, as far as the mock's HTTP adapter read them (at most one byte over the limit). */
const bodySize = (request: MockRequest) => request.body?.length ?? 0;

/** A SQL test that contacts private hosts, and servers that get the body limit wrong. */
export const HOST_AND_BODY_LIMIT_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'tests a loopback host as any other (ok true, reachability passed)',
    caughtBy: 'private_host_refusal',
    handle: (core, request) => {
      const host = hostOf(request);
      const loopback = typeof host === 'string' && /^\[?(127\.|localhost\.?$|::1\]?$|::ffff:127\.)/i.test(host);
      return isSqlTest(request) && loopback ? testedAsPublic(core, request) : core.handle(request);
    },
  },
  {
    name: 'refuses private hosts by a naive string check, missing the decimal, hex and octal spellings',
    caughtBy: 'private_host_refusal',
    handle: (core, request) => {
      const host = hostOf(request);
      // "Does it look like 127.x, 10.x, …?": a host that is one number, or has a hex part, slips through.
      const numeric = typeof host === 'string' && /^(\d+|0x[0-9a-f]+|0x[0-9a-f]+(\.\d+)+)$/i.test(host);
      return isSqlTest(request) && numeric ? testedAsPublic(core, request) : core.handle(request);
    },
  },
  {
    name: 'refuses IPv4 loopback and private hosts but contacts the IPv6 spellings of loopback ([::1], ::ffff:127.0.0.1, 0:0:0:0:0:0:0:1)',
    caughtBy: 'private_host_refusal',
    handle: (core, request) => (isSqlTest(request) && isIpv6Loopback(hostOf(request)) ? testedAsPublic(core, request) : core.handle(request)),
  },
  {
    name: 'refuses private hosts with a 422 whose errors[] names credentials, not credentials.host',
    caughtBy: 'private_host_refusal',
    handle: (core, request) => {
      const host = hostOf(request);
      if (!isSqlTest(request) || typeof host !== 'string' || !refusedHostReason(host)) return core.handle(request);
      return {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Host refused', status: 422, code: 'host_refused', errors: [{ field: 'credentials', message: 'the host is a private address' }] }),
      };
    },
  },
  {
    name: 'fails with 500 on a private host',
    caughtBy: 'private_host_refusal',
    handle: (core, request) => {
      const host = hostOf(request);
      return isSqlTest(request) && typeof host === 'string' && refusedHostReason(host) ? problem(500, 'Internal server error') : core.handle(request);
    },
  },
  {
    name: 'tests a descriptor with sslmode disable (its connect still refuses it)',
    caughtBy: 'connect_semantics',
    handle: (core, request) => {
      const body = parse(request);
      const disabled = isSqlTest(request) && body?.credentials?.sslmode === 'disable';
      return core.handle(disabled ? withBody(request, { ...body, credentials: { ...body.credentials, sslmode: 'verify-full' } }) : request);
    },
  },
  {
    name: 'has no body limit (takes an oversized body as the JSON it holds)',
    caughtBy: 'body_limit',
    handle: (core, request) => {
      if (bodySize(request) <= MAX_BODY_BYTES) return core.handle(request);
      const trimmed = Buffer.from(Buffer.from(request.body!).toString('utf8').trim());
      return core.handle({ ...request, body: trimmed, headers: { ...request.headers, 'content-length': String(trimmed.length) } });
    },
  },
  {
    name: 'answers 413 to a body of exactly the limit',
    caughtBy: 'body_limit',
    handle: (core, request) => (bodySize(request) >= MAX_BODY_BYTES ? problem(413, 'Payload too large') : core.handle(request)),
  },
  {
    name: 'fails with 500 on an oversized body',
    caughtBy: 'body_limit',
    handle: (core, request) => (bodySize(request) > MAX_BODY_BYTES ? problem(500, 'Internal server error') : core.handle(request)),
  },
];
