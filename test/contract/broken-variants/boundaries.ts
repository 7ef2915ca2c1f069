import type { MockRequest } from '../../../src/mock/types.js';
import { bindingOf, boundToFirstRead } from './binding-refusals.js';
import { parse, pathOf, problem, text, withBody, type BrokenVariant } from './helpers.js';

/** Length in code points, as JSON Schema (and a correct server) counts it. */
const lengthOf = (value: unknown) => (typeof value === 'string' ? Array.from(value).length : 0);
const apiKeyOf = (request: MockRequest): unknown => parse(request)?.credentials?.apiKey;
const isToolNameBody = (request: MockRequest) => request.method === 'POST' && /\/integrations\/[^/]+\/bindings(\/auto)?$/.test(pathOf(request));

/** Numbers the tool names given for an empty one: an agent takes each name once. */
let repairedNames = 0;

/**
 * The sslmode near misses negative data sends (see contracts/support/bound-mutations.ts: an enum value less its
 * last character), each with the value it misses: exactly those, so that no other invalid sslmode is accepted.
 */
const SSLMODE_NEAR_MISSES: ReadonlyMap<string, string> = new Map(['require', 'verify-ca', 'verify-full'].map((mode) => [mode.slice(0, -1), mode]));

/** Whether the request line or body holds a character beyond the BMP (a UTF-16 surrogate pair once decoded). */
const beyondTheBmp = (request: MockRequest) => {
  let url = request.url;
  try {
    url = decodeURIComponent(request.url);
  } catch {
    // a malformed escape: judged as sent
  }
  return /[\u{10000}-\u{10FFFF}]/u.test(url + text(request));
};

/** Servers that fail at the bounds the contract declares, which short ordinary values never reach. */
export const BOUNDARY_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'answers 500 to an apiKey of 3,000 characters or more (a fixed-size column overflows)',
    caughtBy: 'not_a_server_error',
    handle: (core, request) => (lengthOf(apiKeyOf(request)) >= 3000 ? problem(500, 'Internal server error') : core.handle(request)),
  },
  {
    name: 'refuses a valid apiKey over 2,048 characters with 422 (a column of 2,048 where the contract allows 4,096)',
    caughtBy: 'positive_data_acceptance',
    handle: (core, request) => {
      if (lengthOf(apiKeyOf(request)) <= 2048 || !pathOf(request).endsWith('/connect')) return core.handle(request);
      return problem(422, 'Unprocessable', { instance: pathOf(request), errors: [{ field: 'credentials.apiKey', message: 'at most 2048 characters' }] });
    },
  },
  {
    name: 'answers 500 to a string with a character beyond the BMP (a UCS-2 encoder)',
    caughtBy: 'not_a_server_error',
    handle: (core, request) => (beyondTheBmp(request) ? problem(500, 'Internal server error') : core.handle(request)),
  },
  {
    name: 'accepts a toolName one over its maxLength (it cuts it to 128 characters instead of refusing it)',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const body = parse(request);
      if (!isToolNameBody(request) || lengthOf(body?.toolName) !== 129) return core.handle(request);
      return core.handle(withBody(request, { ...body, toolName: Array.from(body.toolName as string).slice(0, 128).join('') }));
    },
  },
  {
    name: 'accepts an empty toolName or operation in a binding (names the tool itself, binds the first read that fits)',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const binding = bindingOf(request);
      if (!binding || (binding.body.toolName !== '' && binding.body.operation !== '')) return core.handle(request);
      const body = binding.body.toolName === '' ? { ...binding.body, toolName: `repaired_tool_${++repairedNames}` } : binding.body;
      return body.operation === '' ? boundToFirstRead(core, request, binding.kind, body) : core.handle(withBody(request, body));
    },
  },
  {
    name: 'accepts limit 101 on a list (answers a page of 100 instead of refusing it)',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const url = new URL(request.url, 'http://mock');
      if (request.method !== 'GET' || url.searchParams.get('limit') !== '101') return core.handle(request);
      url.searchParams.set('limit', '100');
      return core.handle({ ...request, url: url.pathname + url.search });
    },
  },
  {
    name: 'accepts a projection of 101 items (binds the first 100 instead of refusing it)',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const binding = bindingOf(request);
      const projection = binding?.body.projection;
      if (!Array.isArray(projection) || projection.length !== 101) return core.handle(request);
      return core.handle(withBody(request, { ...binding!.body, projection: projection.slice(0, 100) }));
    },
  },
  {
    name: 'accepts a near miss of an sslmode (verify-ful as verify-full, requir as require)',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const body = parse(request);
      const meant = SSLMODE_NEAR_MISSES.get(body?.credentials?.sslmode);
      return core.handle(meant ? withBody(request, { ...body, credentials: { ...body.credentials, sslmode: meant } }) : request);
    },
  },
];
