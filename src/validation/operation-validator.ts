import type { SpecOperation } from '../spec/operations.js';
import type { CompiledSchema } from './compiled-schema.js';
import { toFieldErrors, type FieldError } from './field-errors.js';
import { isObject } from '../is-object.js';

/** The compiled schemas of one operation's request (see RequestSchemas). */
export interface CompiledRequestSchemas {
  readonly path: CompiledSchema;
  readonly query: CompiledSchema;
  readonly body: CompiledSchema | undefined;
  readonly credentials: Readonly<Record<string, CompiledSchema>>;
}

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

/** One operation's validator over its compiled schemas, however they were compiled. */
export function operationValidator(operation: SpecOperation, compiled: CompiledRequestSchemas): OperationRequestValidator {
  const byKind = new Map(Object.entries(compiled.credentials));
  return {
    bodyRequired: operation.requestBody?.required === true,
    bodyMediaTypes: Object.keys(operation.requestBody?.content ?? {}),
    validatePath: (params) => run(compiled.path, params, 'path'),
    validateQuery: (params) => run(compiled.query, params, 'query'),
    validateBody: (value, params) => {
      const kind = String(params.kind);
      // A kind the credentials map does not name takes none, and ignores any sent ("ignored for oauth2") in
      // the seed's shape, an object of strings; anything else is still refused.
      const ignored = byKind.size > 0 && !byKind.has(kind) && isObject(value) && isStringMap(value.credentials);
      const validate = byKind.get(kind) ?? compiled.body;
      return validate ? run(validate, ignored ? withoutCredentials(value) : value, 'body') : [];
    },
  };
}


function isStringMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function withoutCredentials(body: Record<string, unknown>): Record<string, unknown> {
  const { credentials: _ignored, ...rest } = body;
  return rest;
}

function run(validate: CompiledSchema, value: unknown, root: string): FieldError[] {
  return validate(value) ? [] : toFieldErrors(validate.errors, root);
}
