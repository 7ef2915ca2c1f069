import type { OpenApiDocument } from '../spec/openapi-types.js';
import { basePathOf, listOperations, type SpecOperation } from '../spec/operations.js';
import { ToolError } from '../tool-errors.js';
import type { OperationRequestValidator } from '../validation/operation-validator.js';
import { requestValidatorsOf } from '../validation/validator-registry.js';
import { authenticate, checkScope } from './auth.js';
import { createControlGuard } from './control/control-guard.js';
import { CONTROL_PREFIX, handleControl } from './control/mock-control.js';
import { parseOAuthReturnFlag } from './control/oauth-return.js';
import { CORS_HEADERS, preflightResponse } from './cors.js';
import { HANDLERS } from './handlers/index.js';
import type { HandlerContext } from './handlers/handler.js';
import { BUILT_IN_DATA, type MockData } from './mock-data.js';
import { isProblem, problem, type Problem } from './problems.js';
import { jsonResponse, problemResponse } from './render.js';
import { readJsonBody } from './request-body.js';
import { Router } from '../spec/router.js';
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
  const operations = listOperations(options.document);
  const missing = operations.filter((operation) => !HANDLERS[operation.operationId]);
  if (missing.length) {
    throw new ToolError('SPEC_UNSUPPORTED', `no mock behaviour for ${missing.map((op) => op.operationId).join(', ')}`);
  }
  const basePath = basePathOf(options.document);
  const router = new Router(operations);
  // Compiled at build time for the packaged contract, at run time for a file loadSpec read (never imported here).
  const validators = requestValidatorsOf(options.document, operations);
  const store = new Store(options.data ?? BUILT_IN_DATA, { clock: options.clock });
  const clock = options.clock ?? (() => new Date());
  const fallbackOrigin = options.fallbackOrigin ?? 'http://127.0.0.1:4010';
  const defaultOrigin = typeof fallbackOrigin === 'function' ? fallbackOrigin : () => fallbackOrigin;
  const cors = options.cors ?? true;
  const controlGuard = createControlGuard(options.allowOrigins);
  const consentOptions = { oauthReturn: options.oauthReturn === undefined ? undefined : parseOAuthReturnFlag(options.oauthReturn) };

  function route(incoming: MockRequest): MockResponse {
    // HEAD is GET without a body (the adapter sends none), and an absolute-form target is its path.
    const url = /^https?:\/\//i.test(incoming.url) ? absolutePath(incoming.url) : incoming.url;
    const request = { ...incoming, url, method: incoming.method === 'HEAD' ? 'GET' : incoming.method };
    const queryAt = request.url.indexOf('?');
    const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
    const search = new URLSearchParams(queryAt === -1 ? '' : request.url.slice(queryAt + 1));
    const fail = (answer: Problem) => problemResponse(answer, path, request.headers.accept);

    // Control routes first: their preflights are the control guard's, never the API's open CORS.
    if (path.startsWith(CONTROL_PREFIX)) return handleControl(store, request, path, search, clock().toISOString(), consentOptions);
    if (cors && request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return preflightResponse(request.headers['access-control-request-headers']);
    }
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      return fail(problem('route_not_found', `No route ${path}: the API lives under ${basePath}.`));
    }
    const match = router.match(request.method, path.slice(basePath.length));
    if (match.kind === 'not_found') return fail(problem('route_not_found', `No route ${request.method} ${path}.`));
    if (match.kind === 'method_not_allowed' && request.method === 'OPTIONS') {
      return { status: 204, headers: { allow: match.allow.join(', ') }, body: '' };
    }
    if (match.kind === 'method_not_allowed') {
      return fail(problem('method_not_allowed', `${path} does not accept ${request.method}.`, { headers: { allow: match.allow.join(', ') } }));
    }
    if (match.kind === 'bad_path_encoding') {
      return fail(problem('validation_error', `The path parameter ${match.param} is not valid percent-encoding.`, { errors: [{ field: match.param, message: 'is not valid percent-encoding' }] }));
    }

    const { operation, params } = match;
    const key = authenticate(store, request.headers.authorization);
    if (isProblem(key)) return fail(key);
    const refusal = checkScope(key, operation.scopes);
    if (refusal) return fail(refusal);

    const input = readInput(operation, validators.get(operation.operationId)!, params, search, request);
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

/** Path, query and body, each validated against the operation's schemas: the first failing part answers. */
function readInput(
  operation: SpecOperation,
  validator: OperationRequestValidator,
  params: Record<string, string>,
  search: URLSearchParams,
  request: MockRequest,
): { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown } | Problem {
  const pathErrors = validator.validatePath(params);
  if (pathErrors.length) return invalid(pathErrors);
  // A repeated query parameter keeps its first value; unknown ones are ignored.
  const query: Record<string, unknown> = Object.create(null);
  for (const parameter of operation.parameters) {
    const value = parameter.in === 'query' ? search.get(parameter.name) : null;
    if (value !== null) query[parameter.name] = value;
  }
  const queryErrors = validator.validateQuery(query);
  if (queryErrors.length) return invalid(queryErrors);
  if (validator.bodyMediaTypes.length === 0) return { params, query, body: undefined };

  const body = readJsonBody(request.body, request.headers['content-type']);
  if (isProblem(body)) return body;
  if (body.value === undefined) {
    if (validator.bodyRequired) return invalid([{ field: 'body', message: 'is required' }]);
    const errors = validator.validateBody({}, params); // an absent optional body may still lack required credentials
    return errors.length ? invalid(errors) : { params, query, body: undefined };
  }
  const bodyErrors = validator.validateBody(body.value, params);
  return bodyErrors.length ? invalid(bodyErrors) : { params, query, body: body.value };
}

function invalid(errors: Array<{ field: string; message: string }>): Problem {
  const detail = errors.map((error) => `${error.field} ${error.message}`).join('; ');
  return problem('validation_error', detail, { errors });
}

function absolutePath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

function originOf(host: string | undefined): string | undefined {
  return host && HOST.test(host) ? `http://${host}` : undefined;
}
