import type { SpecOperation } from '../spec/operations.js';
import { createAjv } from './create-ajv.js';
import type { CompiledSchema } from './compiled-schema.js';
import { operationValidator, type OperationRequestValidator } from './operation-validator.js';
import { requestSchemasOf } from './request-schemas.js';

/**
 * Compiles every operation's request validators at run time, keyed by operationId: for a contract given as a
 * file (`--spec FILE`, loadSpec). The packaged contract's are compiled at build time (src/build/).
 */
export function compileRequestValidators(operations: readonly SpecOperation[]): Map<string, OperationRequestValidator> {
  const parameterAjv = createAjv({ coerceTypes: true });
  const bodyAjv = createAjv();
  const validators = new Map<string, OperationRequestValidator>();
  for (const operation of operations) {
    const schemas = requestSchemasOf(operation);
    const credentials: Record<string, CompiledSchema> = {};
    for (const [kind, schema] of Object.entries(schemas.credentials)) credentials[kind] = bodyAjv.compile(schema);
    validators.set(
      operation.operationId,
      operationValidator(operation, {
        path: parameterAjv.compile(schemas.path),
        query: parameterAjv.compile(schemas.query),
        body: schemas.body ? bodyAjv.compile(schemas.body) : undefined,
        credentials,
      }),
    );
  }
  return validators;
}
