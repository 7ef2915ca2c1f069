import type { OpenApiDocument } from '../spec/openapi-types.js';
import { ToolError } from '../tool-errors.js';
import { authenticate, checkScope } from './auth.js';
import { createControlGuard } from './control/control-guard.js';
import { CONTROL_PREFIX, handleControl } from './control/mock-control.js';
import { parseOAuthReturnFlag } from './control/oauth-return.js';
import { CORS_HEADERS, preflightResponse } from './cors.js';
import { HANDLERS } from './handlers/index.js';
import type { HandlerContext } from './handlers/handler.js';
import { BUILT_IN_DATA, type MockData } from './mock-data.js';
import { isProblem, type Problem } from './problems.js';
import { RequestGate } from './request-gate.js';
import { jsonResponse, problemResponse } from './render.js';
import { Store } from './store.js';
import type { MockRequest, MockResponse } from './types.js';

export interface MockOptions {
  /** The dereferenced contract: routes, validation and scopes all come from it. */
  readonly document: OpenApiDocument;
  readonly data?: MockData;
  /** Answer CORS preflights and add `Access-Control-Allow-*` headers (default true). */
  readonly cors?: boolean;
  /** The origin for absolute URLs when a request carries no usable Host header (a function: known once listening). */
  readonly fallbackOrigin?: string | (() => string);
  readonly clock?: () => Date;
  /** Origins whose pages may use the `/__mock/*` control routes (`--allow-origin`); other sites get 403. */
  readonly allowOrigins?: readonly string[];
  /** Where the consent page returns to when the consent URL names no `redirect_uri` (`--oauth-return`). */
  readonly oauthReturn?: string;
}

/** The transport-free mock: a request value in, a response value out, over an explicit store. */
export interface MockCore {
  readonly store: Store;
  readonly basePath: string;
  handle(request: MockRequest): MockResponse;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function createMockCore(options: MockOptions): MockCore {
  const gate = new RequestGate(options.document);
  const missing = gate.operations.filter((operation) => !HANDLERS[operation.operationId]);
  if (missing.length) {
    throw new ToolError('SPEC_UNSUPPORTED', `no mock behaviour for ${missing.map((op) => op.operationId).join(', ')}`);
  }
  const basePath = gate.basePath;
  const store = new Store(options.data ?? BUILT_IN_DATA, { clock: options.clock });
  const clock = options.clock ?? (() => new Date());
  const fallbackOrigin = options.fallbackOrigin ?? 'http://127.0.0.1:4010';
  const defaultOrigin = typeof fallbackOrigin === 'function' ? fallbackOrigin : () => fallbackOrigin;
  const cors = options.cors ?? true;
  const controlGuard = createControlGuard(options.allowOrigins);
  const consentOptions = { oauthReturn: options.oauthReturn === undefined ? undefined : parseOAuthReturnFlag(options.oauthReturn) };

  function route(incoming: MockRequest): MockResponse {
    const read = gate.read(incoming);
    const { request, path, search } = read;
    const fail = (answer: Problem) => problemResponse(answer, path, request.headers.accept);

    // Control routes first: their preflights are the control guard's, never the API's open CORS.
    if (path.startsWith(CONTROL_PREFIX)) return handleControl(store, request, path, search, clock().toISOString(), consentOptions);
    if (cors && request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return preflightResponse(request.headers['access-control-request-headers']);
    }
    const route = gate.route(request.method, path);
    if (route.kind === 'problem') return fail(route.problem);
    if (route.kind === 'options') return { status: 204, headers: { allow: route.allow.join(', ') }, body: '' };

    const { operation, params } = route;
    const key = authenticate(store, request.headers.authorization);
    if (isProblem(key)) return fail(key);
    const refusal = checkScope(key, operation.scopes);
    if (refusal) return fail(refusal);

    const input = gate.input(operation, params, read);
    if (isProblem(input)) return fail(input);
    const context: HandlerContext = {
      store,
      orgId: key.orgId,
      key,
      params: input.params as HandlerContext['params'],
      query: input.query,
      body: input.body,
      origin: originOf(request.headers.host) ?? defaultOrigin(),
      now: clock().toISOString(),
    };
    const result = HANDLERS[operation.operationId]!(context);
    return isProblem(result) ? fail(result) : jsonResponse(result.status, result.body);
  }

  return {
    store,
    basePath,
    handle(request) {
      const control = controlGuard.covers(request.url);
      const response = control ? controlGuard.handle(request, () => route(request)) : route(request);
      // A request that may change the state and succeeded tells the store's observers (a --state file saves).
      if (response.status > 0 && response.status < 400 && !SAFE_METHODS.has(request.method)) store.notifyChange();
      // Control routes carry CORS headers only for an allowed origin, which the guard adds; never `*`.
      if (cors && !control) Object.assign(response.headers, CORS_HEADERS);
      return response;
    },
  };
}

function originOf(host: string | undefined): string | undefined {
  return host && HOST.test(host) ? `http://${host}` : undefined;
}
