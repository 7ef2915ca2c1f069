import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export arrives wrapped once more.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default;

export type Ajv = Ajv2020;

/**
 * An ajv for OpenAPI 3.1 schemas (JSON Schema 2020-12) with the standard formats. `coerceTypes` is for
 * query and path parameters, which arrive as strings. `standalone` keeps each validator's source, for
 * ajv's standaloneCode (the packaged contract's validators are compiled at build time).
 */
export function createAjv(options: { coerceTypes?: boolean; standalone?: boolean } = {}): Ajv {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false, // OpenAPI keywords (example, x-*) sit beside JSON Schema ones
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.coerceTypes ?? false,
    validateFormats: true,
    ...(options.standalone ? { code: { source: true } } : {}),
  });
  addFormats(ajv);
  return ajv;
}
