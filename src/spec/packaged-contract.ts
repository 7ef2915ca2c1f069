import { DOCUMENT_GRAPH, VALIDATORS } from '../generated/packaged-contract.js';
import { operationValidator, type OperationRequestValidator } from '../validation/operation-validator.js';
import { provideRequestValidators } from '../validation/validator-registry.js';
import { decodeGraph } from './document-graph.js';
import type { OpenApiDocument } from './openapi-types.js';

let document: OpenApiDocument | undefined;

/**
 * The contract this package ships (openapi.yaml), validated and dereferenced at build time, with its request
 * validators compiled ahead of time: no file system, no swagger-parser, no ajv compiler. This is what the CLI's
 * mock serves without `--spec`, and what runs in-process and in a browser bundle. Decoded once per process.
 */
export function packagedDocument(): OpenApiDocument {
  if (document) return document;
  document = decodeGraph(DOCUMENT_GRAPH) as OpenApiDocument;
  provideRequestValidators(document, (operations) => {
    const validators = new Map<string, OperationRequestValidator>();
    for (const operation of operations) {
      const compiled = VALIDATORS[operation.operationId];
      if (!compiled) throw new Error(`the packaged contract has no validators for ${operation.operationId}: rebuild it (npm run build)`);
      validators.set(operation.operationId, operationValidator(operation, compiled));
    }
    return validators;
  });
  return document;
}
