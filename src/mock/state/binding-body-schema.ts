/**
 * The contract's `BindingRequest` (openapi.yaml, its `$ref`s inlined, descriptions left out): the body a data
 * file's binding is checked against before it is compiled, as the bindings endpoint checks its body. A data
 * file is read before any contract is loaded, hence this copy; test/mock/state-schema.test.ts fails as soon
 * as it and the contract part ways.
 */
export const BINDING_REQUEST_SCHEMA = {
  type: 'object',
  required: ['toolName', 'operation'],
  additionalProperties: false,
  properties: {
    toolName: { type: 'string', minLength: 1, maxLength: 128 },
    operation: { type: 'string', minLength: 1 },
    description: { type: 'string', maxLength: 2000 },
    isWrite: { type: 'boolean' },
    enabled: { type: 'boolean' },
    inputs: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['param', 'argument'],
        additionalProperties: false,
        properties: { param: { type: 'string', minLength: 1, maxLength: 64 }, argument: { type: 'string', minLength: 1 } },
      },
    },
    inputObjectMap: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['field'],
        additionalProperties: false,
        properties: {
          field: { type: 'string', minLength: 1 },
          param: { type: 'string', minLength: 1, maxLength: 64 },
          const: { type: ['string', 'number', 'boolean'] },
        },
      },
    },
    projection: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['path', 'leaf'],
        additionalProperties: false,
        properties: {
          path: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', minLength: 1 } },
          leaf: { type: 'string', minLength: 1, maxLength: 64 },
        },
      },
    },
    sqlSearch: {
      type: 'object',
      required: ['column', 'param'],
      additionalProperties: false,
      properties: { column: { type: 'string', minLength: 1, maxLength: 63 }, param: { type: 'string', minLength: 1, maxLength: 64 } },
    },
    keyColumn: { type: 'string', minLength: 1, maxLength: 63 },
    keyParam: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;
