import { expect } from 'vitest';
import type { MockOptions } from '../../src/mock/core.js';
import type { ConditionOptions } from '../../src/mock/conditions/condition-options.js';
import { withConditions } from '../../src/mock/conditions/with-conditions.js';
import type { MockResponse } from '../../src/mock/types.js';
import { createTestMock, KEYS, loadContract } from '../support/test-mock.js';

export interface Asked {
  readonly response: MockResponse;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The parsed JSON body, or undefined. */
  readonly body: any;
}

/**
 * The in-process mock behind `withConditions`, and `ask` for it: every answer to an API operation (a dropped
 * connection aside) is checked against the contract, so a forced or simulated answer that leaves the contract
 * fails the test that caused it. `mock` is the plain test mock over the same store, for setting up and reading state.
 */
export async function createConditionedMock(conditions: Omit<ConditionOptions, 'document'> = {}, options: Partial<MockOptions> = {}) {
  const { document, router, responses, basePath } = await loadContract();
  const mock = await createTestMock(options);
  const core = withConditions(mock.core, { document, ...conditions });

  function ask(method: string, url: string, headers: Record<string, string | null> = {}, body?: unknown): Asked {
    const sent: Record<string, string> = { host: 'mock.test', authorization: `Bearer ${KEYS.acmeAdmin}` };
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) delete sent[name];
      else sent[name] = value;
    }
    if (body !== undefined) sent['content-type'] ??= 'application/json';
    const response = core.handle({ method, url, headers: sent, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
    let parsed: unknown;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      parsed = undefined;
    }
    const path = url.split('?')[0]!;
    const match = path.startsWith(`${basePath}/`) ? router.match(method, path.slice(basePath.length)) : undefined;
    if (match?.kind === 'operation' && !response.drop) {
      const verdict = responses.check(match.operation.operationId, response.status, response.headers['content-type'], parsed);
      expect(verdict, `${method} ${url} → ${response.status} ${response.body.slice(0, 300)}`).toEqual({ kind: 'ok' });
    }
    return { response, status: response.status, headers: response.headers, body: parsed };
  }

  /** The state as the control route shows it, to prove an answer changed nothing. */
  const state = () => JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body);

  return { core, ask, mock, state, document };
}

export type ConditionedMock = Awaited<ReturnType<typeof createConditionedMock>>;
