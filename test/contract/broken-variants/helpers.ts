import type { CheckId } from '../../../src/contract/checks.js';
import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';

/**
 * A deliberately broken mock: the correct core with one deviation from the contract wrapped around it, and
 * the check that must catch it. The mock's own code stays untouched.
 */
export interface BrokenVariant {
  readonly name: string;
  readonly caughtBy: CheckId;
  readonly handle: (core: MockCore, request: MockRequest) => MockResponse;
}

export const ADMIN = 'Bearer flowyte_sk_test_acme_admin';
export const text = (request: MockRequest) => (request.body ? Buffer.from(request.body).toString('utf8') : '');
export const json = (response: MockResponse): any => (response.body ? JSON.parse(response.body) : undefined);
export const withJson = (response: MockResponse, body: unknown): MockResponse => ({ ...response, body: JSON.stringify(body) });
export const withBody = (request: MockRequest, body: unknown): MockRequest => ({ ...request, body: Buffer.from(JSON.stringify(body)) });
export const pathOf = (request: MockRequest) => request.url.split('?')[0]!;
/** The mock's answer, with the connection list of a successful GET /integrations changed by `change`. */
export const withConnectionList = (response: MockResponse, request: MockRequest, change: (data: any[]) => unknown[]): MockResponse => {
  if (request.method !== 'GET' || pathOf(request) !== '/api/v1/integrations' || response.status !== 200) return response;
  const body = json(response);
  return withJson(response, { ...body, data: change(body.data) });
};
export const parse = (request: MockRequest): any => {
  try {
    return JSON.parse(text(request));
  } catch {
    return undefined;
  }
};

/** A handler answering 500 where the core answers the problem `code`: a server that crashes on that input. */
export const serverErrorOn =
  (code: string) =>
  (core: MockCore, request: MockRequest): MockResponse => {
    const response = core.handle(request);
    return json(response)?.code === code ? withJson({ ...response, status: 500 }, { ...json(response), status: 500, title: 'Internal error' }) : response;
  };

/** A problem+json answer a variant makes up: `type`, `title` and `status`, and any other members. */
export const problem = (status: number, title: string, members: object = {}): MockResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, ...members }),
});
