import { loadSpec } from '../spec/load-spec.js';
import type { OpenApiDocument } from '../spec/openapi-types.js';
import { basePathOf, listOperations, type SpecOperation } from '../spec/operations.js';
import { Router } from '../spec/router.js';
import { ResponseValidators } from '../validation/response-validators.js';

/** The contract as the suites use it: the operations by id, routing, and compiled response validators. */
export interface Contract {
  readonly document: OpenApiDocument;
  readonly operations: readonly SpecOperation[];
  readonly basePath: string;
  readonly router: Router;
  readonly responses: ResponseValidators;
  operation(operationId: string): SpecOperation;
}

export async function loadContract(specPath: string): Promise<Contract> {
  const document = await loadSpec(specPath);
  const operations = listOperations(document);
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  return {
    document,
    operations,
    basePath: basePathOf(document),
    router: new Router(operations),
    responses: new ResponseValidators(operations),
    operation(operationId) {
      const operation = byId.get(operationId);
      if (!operation) throw new Error(`the contract has no operation ${operationId}`);
      return operation;
    },
  };
}

/** The values of the `kind` path parameter the contract declares. */
export function integrationKinds(contract: Contract): string[] {
  for (const operation of contract.operations) {
    const kind = operation.parameters.find((parameter) => parameter.name === 'kind' && parameter.in === 'path');
    const values = kind?.schema?.enum;
    if (Array.isArray(values)) return values as string[];
  }
  return [];
}
