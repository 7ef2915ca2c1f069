import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINT_RULES, lintSpec } from '../src/spec/lint-rules.js';
import { defaultSpecPath, loadSpec } from '../src/spec/load-spec.js';
import type {
  JsonSchema,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ResponseObject,
} from '../src/spec/openapi-types.js';

/** A media type object with its examples, which `MediaTypeObject` (what validation reads) leaves out. */
function media(fields: { schema?: JsonSchema; example?: unknown; examples?: Record<string, unknown> }): MediaTypeObject {
  return fields;
}

const problem: ResponseObject = {
  description: 'A problem.',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};

// The dereferenced shape of `ApiResponse_Thing`: the base envelope and the payload merged with allOf.
const envelope = {
  allOf: [
    { type: 'object', required: ['success'], properties: { success: { type: 'boolean' }, message: { type: 'string' } } },
    { type: 'object', required: ['data'], properties: { data: { type: 'object' } } },
  ],
};

const conformant: OperationObject = {
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

function documentWith(operations: Record<string, OperationObject>, security?: OpenApiDocument['security']): OpenApiDocument {
  const paths: NonNullable<OpenApiDocument['paths']> = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as ['get' | 'post' | 'delete', string];
    paths[path] = { ...paths[path], [method]: operation };
  }
  return { openapi: '3.1.0', info: { title: 'Things', version: '1' }, paths, ...(security ? { security } : {}) };
}

function lintResponses(responses: Record<string, ResponseObject>) {
  const operation = { ...conformant, responses: { ...conformant.responses, ...responses } };
  return lintSpec(documentWith({ 'get /things/{id}': operation }));
}

const at = (location: string) => `GET /things/{id}${location}`;

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

describe('examples-valid', () => {
  const thing = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } };
  const invalid = (location: string, message: string) => ({ rule: 'examples-valid', location: at(location), message });
  const lintExamples = (operation: OperationObject) =>
    lintSpec(documentWith({ 'get /things/{id}': operation })).filter((found) => found.rule === 'examples-valid');
  const withResponse = (status: string, content: Record<string, MediaTypeObject>): OperationObject => ({
    ...conformant,
    responses: { ...conformant.responses, [status]: { description: 'A response.', content } },
  });

  it('should report a named response example that breaks its schema, with the ajv error', () => {
    const examples = { good: { value: { success: true, data: {} } }, noSuccess: { summary: 'Bad', value: { data: {} } } };
    expect(lintExamples(withResponse('200', { 'application/json': media({ schema: envelope, examples }) }))).toEqual([
      invalid(' responses.200', `application/json example "noSuccess" is invalid: / must have required property 'success'`),
    ]);
  });

  it('should report a lone `example`, and the examples of request bodies and error responses', () => {
    const operation: OperationObject = {
      ...withResponse('404', {
        'application/problem+json': media({
          schema: { type: 'object', properties: { status: { type: 'integer' } } },
          examples: { gone: { value: { status: '404' } } },
        }),
      }),
      requestBody: {
        content: {
          'application/json': media({ schema: thing, examples: { empty: { value: { id: '' } } } }),
          'application/merge-patch+json': media({ schema: thing, example: { id: 7 } }),
        },
      },
    };
    expect(lintExamples(operation)).toEqual([
      invalid(' requestBody', 'application/json example "empty" is invalid: /id must NOT have fewer than 1 characters'),
      invalid(' requestBody', 'application/merge-patch+json example is invalid: /id must be string'),
      invalid(' responses.404', 'application/problem+json example "gone" is invalid: /status must be integer'),
    ]);
  });

  it('should check formats, as the mock and the suites do', () => {
    const stamped = { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } };
    const examples = { when: { value: { at: 'yesterday' } } };
    expect(lintExamples(withResponse('400', { 'application/problem+json': media({ schema: stamped, examples }) }))).toEqual([
      invalid(' responses.400', 'application/problem+json example "when" is invalid: /at must match format "date-time"'),
    ]);
  });

  it('should list at most five ajv errors of one example', () => {
    const many = { type: 'object', required: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const examples = { empty: { value: {} } };
    const found = lintExamples(withResponse('400', { 'application/problem+json': media({ schema: many, examples }) }));
    expect(found.map((each) => each.message)).toEqual([
      'application/problem+json example "empty" is invalid: ' +
        ['a', 'b', 'c', 'd', 'e'].map((name) => `/ must have required property '${name}'`).join('; ') +
        '; and 2 more',
    ]);
  });

  it('should skip an example given only by externalValue, and a media type without a schema', () => {
    const operation = withResponse('400', {
      'application/problem+json': media({ schema: thing, examples: { remote: { externalValue: 'https://example.com/t' } } }),
      'text/plain': media({ example: 42 }),
    });
    expect(lintExamples(operation)).toEqual([]);
  });

  it("should check a $ref'd components/examples entry, after dereferencing, at each use", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowyte-lint-rules-'));
    try {
      const file = join(dir, 'refs.yaml');
      await writeFile(file, REF_EXAMPLES);
      const message = 'application/json example "shared" is invalid: /data/id must be string';
      expect(lintSpec(await loadSpec(file))).toEqual([
        { rule: 'examples-valid', location: 'GET /things/{id} responses.200', message },
        { rule: 'examples-valid', location: 'PUT /things/{id} requestBody', message },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should validate against a recursive schema, which dereferencing turns into a cycle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowyte-lint-rules-'));
    try {
      const file = join(dir, 'tree.yaml');
      await writeFile(file, RECURSIVE);
      expect(lintSpec(await loadSpec(file))).toEqual([
        {
          rule: 'examples-valid',
          location: 'GET /things/{id} responses.200',
          message: 'application/json example "deepLeafBroken" is invalid: /data/children/0/children/0/name must be string',
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should report a schema that refers to itself without descending into the value', () => {
    const endless: Record<string, unknown> = { type: 'object' };
    endless.allOf = [endless];
    const examples = { any: { value: {} } };
    const [found, ...rest] = lintExamples(withResponse('200', { 'application/json': media({ schema: endless, examples }) }));
    expect(rest).toEqual([]);
    expect(found?.message).toMatch(/^application\/json example "any" is invalid: its schema could not be applied \(.+\)$/);
  });

  it("should catch a broken example in openapi.yaml's components/examples", async () => {
    const document = await loadSpec(defaultSpecPath());
    const examples = document.components?.examples as Record<string, { value: { data: Array<Record<string, unknown>> } }>;
    delete examples.CatalogPage?.value.data[0]?.hasPack;
    expect(lintSpec(document)).toEqual([
      {
        rule: 'examples-valid',
        location: 'GET /integrations/catalog responses.200',
        message: `application/json example "catalog" is invalid: /data/0 must have required property 'hasPack'`,
      },
    ]);
  });
});

describe('success-example', () => {
  const missing = (status: string, message: string) => ({
    rule: 'success-example',
    location: at(` responses.${status}`),
    message,
  });

  it('should report a 2xx body without examples, or with only a lone `example`', () => {
    const value = { success: true, data: {} };
    expect(
      lintResponses({
        '200': { content: { 'application/json': media({ schema: envelope }) } },
        '201': { content: { 'application/json': media({ schema: envelope, example: value }) } },
        '202': { content: { 'application/json': media({ schema: envelope, examples: {} }) } },
      }),
    ).toEqual([
      missing('200', 'application/json has no named example'),
      missing('201', 'application/json has no named example (only a lone `example`)'),
      missing('202', 'application/json has no named example'),
    ]);
  });

  it('should ask nothing of a 2xx without content, nor of an error response', () => {
    expect(lintResponses({ '204': { description: 'No body.' }, '404': problem, '409': { content: problem.content } })).toEqual(
      [],
    );
  });
});

// A tree whose children are trees: one example valid at every depth, one broken two levels down.
const RECURSIVE = `openapi: 3.1.0
info: { title: Things, version: '1' }
security:
  - apiKey: [things:read]
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: The tree.
          content:
            application/json:
              schema:
                type: object
                required: [success, data]
                properties:
                  success: { type: boolean }
                  data: { $ref: '#/components/schemas/Node' }
              examples:
                deep:
                  value: { success: true, data: { name: a, children: [{ name: b, children: [{ name: c }] }] } }
                deepLeafBroken:
                  value: { success: true, data: { name: a, children: [{ name: b, children: [{ name: 3 }] }] } }
components:
  schemas:
    Node:
      type: object
      required: [name]
      properties:
        name: { type: string }
        children:
          type: array
          items: { $ref: '#/components/schemas/Node' }
  securitySchemes:
    apiKey:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: /tokens
          scopes: { things:read: Read things. }
`;

// A components/examples entry used by a response and by a request body; its `id` breaks both schemas.
const REF_EXAMPLES = `openapi: 3.1.0
info: { title: Things, version: '1' }
security:
  - apiKey: [things:read]
paths:
  /things/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      operationId: getThing
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Envelope' }
              examples:
                shared: { $ref: '#/components/examples/Thing' }
    put:
      operationId: putThing
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Envelope' }
            examples:
              shared: { $ref: '#/components/examples/Thing' }
      responses:
        '204': { description: Stored. }
components:
  schemas:
    Envelope:
      type: object
      required: [success, data]
      properties:
        success: { type: boolean }
        data:
          type: object
          properties:
            id: { type: string }
  examples:
    Thing:
      value: { success: true, data: { id: 7 } }
  securitySchemes:
    apiKey:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: /tokens
          scopes: { things:read: Read things. }
`;
