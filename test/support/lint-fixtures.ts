import { lintSpec } from '../../src/spec/lint-rules.js';
import type { JsonSchema, MediaTypeObject, OpenApiDocument, OperationObject, ResponseObject } from '../../src/spec/openapi-types.js';

// Small documents the lint rules' tests build on: one conformant operation, and ways to vary it.
/** A media type object with its examples, which `MediaTypeObject` (what validation reads) leaves out. */
export function media(fields: { schema?: JsonSchema; example?: unknown; examples?: Record<string, unknown> }): MediaTypeObject {
  return fields;
}

export const problem: ResponseObject = {
  description: 'A problem.',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};

// The dereferenced shape of `ApiResponse_Thing`: the base envelope and the payload merged with allOf.
export const envelope = {
  allOf: [
    { type: 'object', required: ['success'], properties: { success: { type: 'boolean' }, message: { type: 'string' } } },
    { type: 'object', required: ['data'], properties: { data: { type: 'object' } } },
  ],
};

export const conformant: OperationObject = {
  operationId: 'getThing',
  security: [{ apiKey: ['things:read'] }],
  responses: {
    '200': {
      description: 'The thing.',
      content: { 'application/json': media({ schema: envelope, examples: { thing: { value: { success: true, data: {} } } } }) },
    },
    '204': { description: 'No body.' },
    '400': {
      description: 'Invalid.',
      content: { ...problem.content, 'application/json': { schema: envelope } },
    },
    '404': problem,
    '5XX': problem,
    default: problem,
  },
};

export function documentWith(operations: Record<string, OperationObject>, security?: OpenApiDocument['security']): OpenApiDocument {
  const paths: NonNullable<OpenApiDocument['paths']> = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as ['get' | 'post' | 'delete', string];
    paths[path] = { ...paths[path], [method]: operation };
  }
  return { openapi: '3.1.0', info: { title: 'Things', version: '1' }, paths, ...(security ? { security } : {}) };
}

export function lintResponses(responses: Record<string, ResponseObject>) {
  const operation = { ...conformant, responses: { ...conformant.responses, ...responses } };
  return lintSpec(documentWith({ 'get /things/{id}': operation }));
}

export const at = (location: string) => `GET /things/{id}${location}`;

