import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
} from './openapi-types.js';

/** One operation of the contract, flattened: what routing, validation, auth and the checks need. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template relative to the server URL, e.g. `/integrations/{kind}/connect`. */
  readonly pathTemplate: string;
  /** The scopes the `apiKey` requirement lists (the contract asks for exactly one). */
  readonly scopes: readonly string[];
  /** Path-level and operation-level parameters, the operation's winning on the same name and place. */
  readonly parameters: readonly ParameterObject[];
  readonly requestBody: RequestBodyObject | undefined;
  readonly responses: Readonly<Record<string, ResponseObject>>;
  /** True when the operation carries `x-inferred: true`: it rests on a choice, not on the docs. */
  readonly inferred: boolean;
  /** The response statuses of a documented operation that are the contract's choice (`x-inferred-statuses`). */
  readonly inferredStatuses: ReadonlySet<string>;
  /** True when the scope is the contract's choice (`x-inferred-scope`, or the whole operation inferred). */
  readonly scopeInferred: boolean;
  readonly source: OperationObject;
}

/** Every operation of a dereferenced document, in document order. */
export function listOperations(document: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const source = pathItem[method];
      if (!source) continue;
      operations.push({
        operationId: source.operationId ?? `${method} ${pathTemplate}`,
        method,
        pathTemplate,
        scopes: scopesOf(source.security ?? document.security ?? []),
        parameters: mergeParameters(pathItem.parameters ?? [], source.parameters ?? []),
        requestBody: source.requestBody,
        responses: source.responses ?? {},
        inferred: source['x-inferred'] === true,
        inferredStatuses: new Set(Array.isArray(source['x-inferred-statuses']) ? source['x-inferred-statuses'].map(String) : []),
        scopeInferred: source['x-inferred'] === true || source['x-inferred-scope'] === true,
        source,
      });
    }
  }
  return operations;
}

/** The base path requests are served under: the first server URL's path (`/api/v1`). */
export function basePathOf(document: OpenApiDocument): string {
  const url = document.servers?.[0]?.url ?? '';
  const path = url.startsWith('/') ? url : url ? new URL(url).pathname : '';
  return path.replace(/\/+$/, '');
}

function scopesOf(security: ReadonlyArray<Record<string, string[]>>): string[] {
  return security.flatMap((requirement) => Object.values(requirement).flat());
}

function mergeParameters(
  pathLevel: readonly ParameterObject[],
  operationLevel: readonly ParameterObject[],
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const parameter of [...pathLevel, ...operationLevel]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}
