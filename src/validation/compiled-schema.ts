import type { ErrorObject } from 'ajv';

/**
 * A compiled validation function: ajv's own (compiled at run time) or one of ajv's standalone functions
 * (compiled at build time, src/build/). Both answer true or false and leave their errors on `errors`.
 */
export interface CompiledSchema {
  (data: unknown): boolean;
  errors?: readonly ErrorObject[] | null;
}
