import type { ValidateFunction } from 'ajv';
import type { JsonSchema, ParameterObject } from '../spec/openapi-types.js';
import type { SpecOperation } from '../spec/operations.js';
import { createAjv, type Ajv } from './create-ajv.js';
import { toFieldErrors, type FieldError } from './field-errors.js';

/** The compiled request validators of one operation. Parameter validators coerce strings in place. */
export interface OperationRequestValidator {
  readonly bodyRequired: boolean;
  /** The JSON media types the operation accepts a body in; empty when it takes no body. */
  readonly bodyMediaTypes: readonly string[];
  validatePath(params: Record<string, unknown>): FieldError[];
  validateQuery(query: Record<string, unknown>): FieldError[];
  /** The body against its schema and, where the operation has `x-credentials-schema`, the kind's credentials. */
  validateBody(body: unknown, params: Readonly<Record<string, unknown>>): FieldError[];
}

/** Compiles every operation's request validators once, keyed by operationId. */
export function compileRequestValidators(
  operations: readonly SpecOperation[],
): Map<string, OperationRequestValidator> {
  const parameterAjv = createAjv({ coerceTypes: true });
  const bodyAjv = createAjv();
  const validators = new Map<string, OperationRequestValidator>();
  for (const operation of operations) {
    const path = parameterAjv.compile(parameterGroupSchema(operation.parameters, 'path'));
    const query = parameterAjv.compile(parameterGroupSchema(operation.parameters, 'query'));
    const content = operation.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const body = jsonSchema ? bodyAjv.compile(jsonSchema) : undefined;
    const byKind = compileCredentialSchemas(bodyAjv, operation, jsonSchema);
    validators.set(operation.operationId, {
      bodyRequired: operation.requestBody?.required === true,
      bodyMediaTypes: Object.keys(content),
      validatePath: (params) => run(path, params, 'path'),
      validateQuery: (params) => run(query, params, 'query'),
      validateBody: (value, params) => {
        const kind = String(params.kind);
        // A kind the credentials map does not name takes none, and ignores any sent ("ignored for oauth2") in
        // the seed's shape, an object of strings; anything else is still refused.
        const ignored = byKind.size > 0 && !byKind.has(kind) && isObject(value) && isStringMap(value.credentials);
        const validate = byKind.get(kind) ?? body;
        return validate ? run(validate, ignored ? withoutCredentials(value) : value, 'body') : [];
      },
    });
  }
  return validators;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function withoutCredentials(body: Record<string, unknown>): Record<string, unknown> {
  const { credentials: _ignored, ...rest } = body;
  return rest;
}

function run(validate: ValidateFunction, value: unknown, root: string): FieldError[] {
  return validate(value) ? [] : toFieldErrors(validate.errors, root);
}

/**
 * `x-credentials-schema` maps a `kind` to the schema its `credentials` must meet (connect's seed schema only
 * says "an object of strings"). Each kind gets one validator of the body and its credentials together,
 * compiled once, so a request is validated once.
 */
function compileCredentialSchemas(ajv: Ajv, operation: SpecOperation, bodySchema: JsonSchema | undefined): Map<string, ValidateFunction> {
  const schemas = (operation.source['x-credentials-schema'] ?? {}) as Record<string, JsonSchema>;
  return new Map(
    Object.entries(schemas).map(([kind, credentials]) => [
      kind,
      // The kind's credentials replace the body's (a union of every kind's shape), so that errors name only this kind's fields.
      ajv.compile({
        ...bodySchema,
        type: 'object',
        required: [...new Set([...((bodySchema?.required as string[] | undefined) ?? []), 'credentials'])],
        properties: { ...((bodySchema?.properties as Record<string, JsonSchema> | undefined) ?? {}), credentials },
      }),
    ]),
  );
}

function parameterGroupSchema(parameters: readonly ParameterObject[], place: ParameterObject['in']): JsonSchema {
  const group = parameters.filter((parameter) => parameter.in === place);
  return {
    type: 'object',
    properties: Object.fromEntries(group.map((parameter) => [parameter.name, parameter.schema ?? {}])),
    required: group.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}
