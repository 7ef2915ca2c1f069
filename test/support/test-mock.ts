import { expect } from 'vitest';
import { createMockCore, type MockOptions } from '../../src/mock/core.js';
import type { MockResponse } from '../../src/mock/types.js';
import { defaultSpecPath, loadSpec } from '../../src/spec/load-spec.js';
import type { OpenApiDocument } from '../../src/spec/openapi-types.js';
import { listOperations, basePathOf } from '../../src/spec/operations.js';
import { Router } from '../../src/spec/router.js';
import { ResponseValidators } from '../../src/validation/response-validators.js';

export const KEYS = {
  acmeAdmin: 'flowyte_sk_test_acme_admin',
  acmeReader: 'flowyte_sk_test_acme_reader',
  acmeAuthor: 'flowyte_sk_test_acme_author',
  globexAdmin: 'flowyte_sk_test_globex_admin',
} as const;

export const POSTGRES_CREDENTIALS = {
  host: 'db.example.com',
  port: '5432',
  database: 'appdb',
  user: 'flowyte_readonly',
  password: 'pg-secret-Zq81',
  sslmode: 'verify-full',
};

interface Contract {
  document: OpenApiDocument;
  router: Router;
  responses: ResponseValidators;
  basePath: string;
}

let contract: Promise<Contract> | undefined;

/** The packaged contract, loaded and compiled once per test file. */
export function loadContract(): Promise<Contract> {
  contract ??= loadSpec(defaultSpecPath()).then((document) => {
    const operations = listOperations(document);
    return { document, router: new Router(operations), responses: new ResponseValidators(operations), basePath: basePathOf(document) };
  });
  return contract;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
  /** The operation the request was routed to, if any. */
  operationId?: string;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** A raw body, sent as it is (for malformed JSON and wrong media types). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * An in-process mock and a client for it. Every answer to an API operation is checked against the
 * contract (status, media type, schema): a non-conforming answer fails the test that caused it.
 */
export async function createTestMock(options: Partial<MockOptions> = {}) {
  const { document, router, responses, basePath } = await loadContract();
  const core = createMockCore({ document, fallbackOrigin: 'http://mock.test', ...options });

  function call(method: string, url: string, { key = KEYS.acmeAdmin, body, raw, headers = {} }: CallOptions = {}): Reply {
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const requestHeaders: Record<string, string> = { host: 'mock.test', ...lower(headers) };
    if (key !== null) requestHeaders.authorization ??= `Bearer ${key}`;
    if (body !== undefined) requestHeaders['content-type'] ??= 'application/json';
    const response = core.handle({
      method,
      url,
      headers: requestHeaders,
      body: typeof payload === 'string' ? Buffer.from(payload) : payload,
    });
    const reply = toReply(response);
    const path = url.split('?')[0]!;
    if (path.startsWith(`${basePath}/`)) {
      const match = router.match(method, path.slice(basePath.length));
      if (match.kind === 'operation') {
        reply.operationId = match.operation.operationId;
        const verdict = responses.check(match.operation.operationId, reply.status, reply.headers['content-type'], reply.body);
        expect(verdict, `${method} ${url} → ${reply.status} ${reply.text.slice(0, 300)}`).toEqual({ kind: 'ok' });
      }
    }
    return reply;
  }

  return { core, call, store: core.store };
}

export type TestMock = Awaited<ReturnType<typeof createTestMock>>;

function toReply(response: MockResponse): Reply {
  let body: unknown;
  try {
    body = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text: response.body, body };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Connects postgres for acme (or the given key's org) and discovers it. */
export function connectAndDiscoverPostgres(mock: TestMock, key: string = KEYS.acmeAdmin): void {
  expect(mock.call('POST', '/api/v1/integrations/postgres/connect', { key, body: { credentials: POSTGRES_CREDENTIALS } }).status).toBe(200);
  expect(mock.call('POST', '/api/v1/integrations/postgres/discover', { key }).status).toBe(200);
}
