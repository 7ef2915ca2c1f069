import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintSpec } from '../src/spec/lint-rules.js';
import { defaultSpecPath, loadSpec } from '../src/spec/load-spec.js';
import type { OpenApiDocument, OperationObject } from '../src/spec/openapi-types.js';

import { at, conformant, documentWith, envelope, lintResponses, media } from './support/lint-fixtures.js';
describe('lintSpec', () => {
  it('should find nothing in the packaged openapi.yaml', async () => {
    expect(lintSpec(await loadSpec(defaultSpecPath()))).toEqual([]);
  });

  it('should find nothing in a conformant operation', () => {
    expect(lintSpec(documentWith({ 'get /things/{id}': conformant }))).toEqual([]);
  });

  it('should list every rule once, each with a title', () => {
    const ids = LINT_RULES.map((rule) => rule.id);
    expect(ids).toEqual([
      'operation-id',
      'single-scope',
      'problem-json-errors',
      'envelope-success-body',
      'examples-valid',
      'success-example',
    ]);
    expect(LINT_RULES.every((rule) => rule.title.length > 0)).toBe(true);
  });
});

describe('operation-id', () => {
  it('should report an operation without an operationId', () => {
    const { operationId: _omitted, ...anonymous } = conformant;
    expect(lintSpec(documentWith({ 'get /things/{id}': anonymous }))).toEqual([
      { rule: 'operation-id', location: at(''), message: 'has no operationId' },
    ]);
  });

  it('should report an operationId used twice, at its second use', () => {
    expect(lintSpec(documentWith({ 'get /things/{id}': conformant, 'delete /things/{id}': conformant }))).toEqual([
      {
        rule: 'operation-id',
        location: 'DELETE /things/{id}',
        message: 'operationId "getThing" is already used by GET /things/{id}',
      },
    ]);
  });
});

describe('single-scope', () => {
  const { security: _omitted, ...inheriting } = conformant;
  const lintSecurity = (security: OperationObject['security'], inherited?: OpenApiDocument['security']) =>
    lintSpec(documentWith({ 'get /things/{id}': security ? { ...conformant, security } : inheriting }, inherited));

  it('should report an operation open to anyone (security: [])', () => {
    expect(lintSecurity([])).toEqual([{ rule: 'single-scope', location: at(''), message: 'has no security requirement' }]);
  });

  it('should report a requirement without a scope, even when inherited from the document', () => {
    expect(lintSecurity(undefined, [{ apiKey: [] }])).toEqual([
      { rule: 'single-scope', location: at(''), message: 'requires no scope, expected exactly one' },
    ]);
  });

  it('should report two scopes in one requirement', () => {
    expect(lintSecurity([{ apiKey: ['things:read', 'things:write'] }])).toEqual([
      {
        rule: 'single-scope',
        location: at(''),
        message: 'requires 2 scopes (things:read, things:write), expected exactly one',
      },
    ]);
  });

  it('should report two alternative requirements', () => {
    expect(lintSecurity([{ apiKey: ['a'] }, { apiKey: ['b'] }])).toEqual([
      { rule: 'single-scope', location: at(''), message: 'has 2 alternative security requirements, expected one' },
    ]);
  });

  it('should accept one scope inherited from the document', () => {
    expect(lintSecurity(undefined, [{ apiKey: ['things:read'] }])).toEqual([]);
  });
});

describe('problem-json-errors', () => {
  it('should report a 404 served as text/plain and a 500 without content', () => {
    const textual = { description: 'Gone.', content: { 'text/plain': { schema: { type: 'string' } } } };
    const noProblemJson = (status: string, why: string) => ({
      rule: 'problem-json-errors',
      location: at(` responses.${status}`),
      message: `has no application/problem+json content (${why})`,
    });
    expect(lintResponses({ '404': textual, '500': { description: 'Oops.' } })).toEqual([
      noProblemJson('404', 'offers text/plain'),
      noProblemJson('500', 'no content'),
    ]);
  });

  it('should report a default response that is plain JSON', () => {
    expect(lintResponses({ default: { content: { 'application/json': { schema: envelope } } } })).toEqual([
      expect.objectContaining({ rule: 'problem-json-errors', location: at(' responses.default') }),
    ]);
  });

  it('should accept a media type with parameters', () => {
    const withCharset = { content: { 'application/problem+json; charset=utf-8': { schema: { type: 'object' } } } };
    expect(lintResponses({ '404': withCharset })).toEqual([]);
  });
});

describe('envelope-success-body', () => {
  const examples = { thing: { value: { success: true, data: {} } } };
  const lintBody = (schema?: Record<string, unknown>) =>
    lintResponses({ '200': { content: { 'application/json': media(schema ? { schema, examples } : { examples }) } } });
  const missing = (parts: string) => ({
    rule: 'envelope-success-body',
    location: at(' responses.200'),
    message: `application/json body is not the ApiResponse envelope (missing ${parts})`,
  });

  it('should report a bare payload that is not wrapped in the envelope', () => {
    expect(lintBody({ type: 'object', properties: { id: { type: 'string' } } })).toEqual([
      missing('properties.success, properties.data, required.success'),
    ]);
  });

  it('should report an envelope whose success is optional', () => {
    expect(lintBody({ type: 'object', properties: { success: {}, data: {} } })).toEqual([missing('required.success')]);
  });

  it('should report a body without a schema', () => {
    expect(lintBody()).toEqual([missing('a schema')]);
  });

  it('should merge allOf branches recursively', () => {
    expect(lintBody({ allOf: [{ allOf: [envelope.allOf[0]] }, { allOf: [{ properties: { data: {} } }] }] })).toEqual([]);
  });

  it('should survive a self-referencing schema', () => {
    const cyclic: Record<string, unknown> = { required: ['success'], properties: { success: {} } };
    cyclic.allOf = [cyclic, { properties: { data: {} } }];
    // examples-valid reports that this schema never ends (see there); this rule only has to survive it.
    expect(lintBody(cyclic).filter((found) => found.rule === 'envelope-success-body')).toEqual([]);
  });
});

