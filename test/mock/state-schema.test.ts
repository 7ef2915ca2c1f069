import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMockData } from '../../src/mock/load-mock-data.js';
import { BINDING_REQUEST_SCHEMA } from '../../src/mock/state/binding-body-schema.js';
import { checkDataShape, SUPPORTED_KEYWORDS } from '../../src/mock/state/check-shape.js';
import { MOCK_DATA_SCHEMA } from '../../src/mock/state/data-schema.js';
import { createAjv } from '../../src/validation/create-ajv.js';
import { toFieldErrors } from '../../src/validation/field-errors.js';
import { pathsOf, setAt } from './snapshot-paths.js';
import { createTestMock } from '../support/test-mock.js';

type Schema = Record<string, unknown>;

/** The contract's schema of that name, its `$ref`s inlined and its prose (`description`, `x-*`) left out. */
function contractSchema(name: string): Schema {
  const document = parse(readFileSync(fileURLToPath(new URL('../../openapi.yaml', import.meta.url)), 'utf8'));
  const schemas = document.components.schemas as Record<string, Schema>;
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as Schema).$ref;
    if (typeof ref === 'string') return inline(schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(
      Object.entries(value)
        // prose is a string; a property named `description` is a schema
        .filter(([key, entry]) => !(key === 'description' && typeof entry === 'string') && !key.startsWith('x-'))
        .map(([key, entry]) => [key, inline(entry)]),
    );
  };
  return inline(schemas[name]) as Schema;
}

/** Every keyword the schema uses, its subschemas' included. */
function keywordsOf(schema: Schema): string[] {
  const nested = (value: unknown) => (typeof value === 'object' && value !== null ? keywordsOf(value as Schema) : []);
  return Object.entries(schema).flatMap(([keyword, value]) => {
    if (keyword === 'properties') return [keyword, ...Object.values(value as Record<string, Schema>).flatMap(nested)];
    if (keyword === 'allOf') return [keyword, ...(value as Schema[]).flatMap(nested)];
    if (['items', 'additionalProperties', 'if', 'then', 'else'].includes(keyword)) return [keyword, ...nested(value)];
    return [keyword];
  });
}

describe('the data file schema', () => {
  it("should check a binding against the contract's own BindingRequest", () => {
    expect(BINDING_REQUEST_SCHEMA).toEqual(contractSchema('BindingRequest'));
  });

  it('should use only the keywords checkDataShape knows', () => {
    expect([...new Set(keywordsOf(MOCK_DATA_SCHEMA))].filter((keyword) => !SUPPORTED_KEYWORDS.has(keyword))).toEqual([]);
  });

  it('should give the verdict ajv gives, on the fields ajv names, whatever is changed in a rich snapshot', async () => {
    const validate = createAjv().compile(MOCK_DATA_SCHEMA);
    const mock = await createTestMock({ data: loadMockData(fileURLToPath(new URL('../../scenarios/all-connected.yaml', import.meta.url))) });
    mock.call('POST', '/api/v1/integrations/google_sheets/connect'); // a pending authorization too
    const snapshot = mock.call('GET', '/__mock/state', { key: null }).body.data;
    const paths = pathsOf(snapshot);
    const oddValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z', '2024-01-01 23:59:60Z', '2024-01-01T23:59:60+01:00', '2024-01-01t00:00:00.5-00:30', '2024-13-01T00:00:00Z', '2024-01-01T00:00:00', 'flowyte_sk_…', 'flowyte_sk_…abcde', 'skl_', 'a'.repeat(129)),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    );
    fc.assert(
      fc.property(fc.nat(paths.length - 1), oddValue, (at, value) => {
        const spoilt = structuredClone(snapshot);
        setAt(spoilt, paths[at]!, value);
        const ours = checkDataShape(spoilt, 'body');
        const theirs = validate(spoilt) ? [] : toFieldErrors(validate.errors, 'body');
        expect(ours.length === 0).toBe(theirs.length === 0);
        expect(new Set(ours.map((error) => error.field))).toEqual(new Set(theirs.map((error) => error.field)));
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});
