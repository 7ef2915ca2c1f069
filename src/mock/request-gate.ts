import type { OpenApiDocument } from '../spec/openapi-types.js';
import { basePathOf, listOperations, type SpecOperation } from '../spec/operations.js';
import { Router } from '../spec/router.js';
import type { OperationRequestValidator } from '../validation/operation-validator.js';
import { requestValidatorsOf } from '../validation/validator-registry.js';
import { isProblem, problem, type Problem } from './problems.js';
import { readJsonBody } from './request-body.js';
import type { MockRequest } from './types.js';

/** A request as the gate reads it: HEAD as GET, an absolute-form target as its path, no trailing slash. */
export interface ReadRequest {
  readonly request: MockRequest;
  readonly path: string;
  readonly search: URLSearchParams;
}

/** Where a request under the API's base path goes: an operation, the OPTIONS answer of a known path, or a problem. */
export type ApiRoute =
  | { readonly kind: 'operation'; readonly operation: SpecOperation; readonly params: Record<string, string> }
  | { readonly kind: 'options'; readonly allow: readonly string[] }
  | { readonly kind: 'problem'; readonly problem: Problem };

export interface ValidInput {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

/**
 * The contract's gate in front of every API request, without any state: routing under the base path, and path,
 * query and body validated against the operation's schemas. The mock answers through it, and the validating proxy
 * refuses an invalid request with the same problem before it reaches the target.
 */
export class RequestGate {
  readonly basePath: string;
  readonly operations: readonly SpecOperation[];
  private readonly router: Router;
  private readonly validators: ReadonlyMap<string, OperationRequestValidator>;

  constructor(document: OpenApiDocument) {
    this.operations = listOperations(document);
    this.basePath = basePathOf(document);
    this.router = new Router(this.operations);
    // Compiled at build time for the packaged contract, at run time for a file loadSpec read (never imported here).
    this.validators = requestValidatorsOf(document, this.operations);
  }

  /** The request with its path and query apart, HEAD read as GET. */
  read(incoming: MockRequest): ReadRequest {
    const url = /^https?:\/\//i.test(incoming.url) ? absolutePath(incoming.url) : incoming.url;
    const request = { ...incoming, url, method: incoming.method === 'HEAD' ? 'GET' : incoming.method };
    const queryAt = request.url.indexOf('?');
    const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
    return { request, path, search: new URLSearchParams(queryAt === -1 ? '' : request.url.slice(queryAt + 1)) };
  }

  /** True when the path lies under the API's base path. */
  covers(path: string): boolean {
    return path === this.basePath || path.startsWith(`${this.basePath}/`);
  }

  route(method: string, path: string): ApiRoute {
    if (!this.covers(path)) return { kind: 'problem', problem: problem('route_not_found', `No route ${path}: the API lives under ${this.basePath}.`) };
    const match = this.router.match(method, path.slice(this.basePath.length));
    if (match.kind === 'not_found') return { kind: 'problem', problem: problem('route_not_found', `No route ${method} ${path}.`) };
    if (match.kind === 'method_not_allowed' && method === 'OPTIONS') return { kind: 'options', allow: match.allow };
    if (match.kind === 'method_not_allowed') {
      return { kind: 'problem', problem: problem('method_not_allowed', `${path} does not accept ${method}.`, { headers: { allow: match.allow.join(', ') } }) };
    }
    if (match.kind === 'bad_path_encoding') {
      const errors = [{ field: match.param, message: 'is not valid percent-encoding' }];
      return { kind: 'problem', problem: problem('validation_error', `The path parameter ${match.param} is not valid percent-encoding.`, { errors }) };
    }
    return match;
  }

  /** Path, query and body, each validated against the operation's schemas: the first failing part answers. */
  input(operation: SpecOperation, params: Record<string, string>, { request, search }: ReadRequest): ValidInput | Problem {
    const validator = this.validators.get(operation.operationId)!;
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
