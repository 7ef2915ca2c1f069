import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpec } from '../src/spec/lint-rules.js';
import { defaultSpecPath, loadSpec } from '../src/spec/load-spec.js';
import type { MediaTypeObject, OperationObject } from '../src/spec/openapi-types.js';

import { at, conformant, documentWith, envelope, lintResponses, media, problem } from './support/lint-fixtures.js';

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
