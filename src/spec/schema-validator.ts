import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from '../validation/create-ajv.js';
import type { JsonSchema } from './openapi-types.js';
import { withoutCycles } from './schema-cycles.js';

/**
 * Compiles schemas with the project's ajv (JSON Schema 2020-12 and formats, as the mock and the suites
 * validate) and caches them by identity, since a dereferenced document shares one object per component.
 */
export class SchemaValidator {
  private readonly ajv: Ajv = createAjv();
  private readonly compiled = new Map<JsonSchema, ValidateFunction | string>();

  /** Undefined when `value` is valid; otherwise ajv's errors, or why the schema could not be applied. */
  check(schema: JsonSchema, value: unknown): string | undefined {
    const validate = this.compile(schema);
    if (typeof validate === 'string') return validate;
    try {
      return validate(value) ? undefined : describeErrors(validate.errors ?? []);
    } catch (error) {
      // A schema that refers to itself without descending into the value (allOf: [itself]) never ends.
      return `its schema could not be applied (${messageOf(error)})`;
    }
  }

  private compile(schema: JsonSchema): ValidateFunction | string {
    let compiled = this.compiled.get(schema);
    if (compiled === undefined) {
      try {
        compiled = this.ajv.compile(withoutCycles(schema));
      } catch (error) {
        compiled = `its schema does not compile (${messageOf(error)})`;
      }
      this.compiled.set(schema, compiled);
    }
    return compiled;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const MAX_LISTED_ERRORS = 5;

/** ajv's own wording, one `pointer message` per error: `/data/0 must have required property 'kind'`. */
function describeErrors(errors: readonly ErrorObject[]): string {
  const lines = [...new Set(errors.map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`))];
  const shown = lines.slice(0, MAX_LISTED_ERRORS).join('; ');
  return lines.length > MAX_LISTED_ERRORS ? `${shown}; and ${lines.length - MAX_LISTED_ERRORS} more` : shown;
}
