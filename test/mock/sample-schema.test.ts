import { describe, expect, it } from 'vitest';
import { sampleSchema } from '../../src/mock/conditions/sample-schema.js';
import { listOperations } from '../../src/spec/operations.js';
import { loadContract } from '../support/test-mock.js';

describe('bodies made up from a schema', () => {
  it('should make a body valid for every response schema of the contract, its examples left aside', async () => {
    const { document, responses } = await loadContract();
    let checked = 0;
    for (const operation of listOperations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          const verdict = responses.check(operation.operationId, Number(status), mediaType, sampleSchema(media.schema));
          expect(verdict, `${operation.operationId} ${status} ${mediaType}`).toEqual({ kind: 'ok' });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('should prefer what the schema says of itself, then a value of its type', () => {
    expect(sampleSchema({ type: 'string', const: 'x' })).toBe('x');
    expect(sampleSchema({ type: 'string', enum: ['b', 'a'] })).toBe('b');
    expect(sampleSchema({ type: 'integer', default: 7 })).toBe(7);
    expect(sampleSchema({ type: 'string', examples: ['e'] })).toBe('e');
    expect(sampleSchema({ type: 'string', format: 'date-time' })).toBe('2026-01-01T00:00:00Z');
    expect(sampleSchema({ type: 'string', minLength: 10 })).toHaveLength(10);
    expect(sampleSchema({ type: 'integer', minimum: 3 })).toBe(3);
    expect(sampleSchema({ type: 'integer', exclusiveMinimum: 3 })).toBe(4);
    expect(sampleSchema({ type: ['null', 'boolean'] })).toBe(true);
    expect(sampleSchema({ type: 'array', items: { type: 'string' }, minItems: 2 })).toEqual(['string', 'string']);
    expect(sampleSchema({ anyOf: [{ type: 'integer' }, { type: 'string' }] })).toBe(0);
  });

  it('should merge allOf parts and the properties beside them into one object', () => {
    const schema = {
      type: 'object',
      properties: { id: { type: 'string' } },
      allOf: [{ type: 'object', properties: { a: { type: 'object', properties: { x: { type: 'integer' } } } } }, { properties: { a: { type: 'object', properties: { y: { type: 'boolean' } } } } }],
    };
    expect(sampleSchema(schema)).toEqual({ id: 'string', a: { x: 0, y: true } });
  });

  it('should end on a recursive schema', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    (node.properties as Record<string, unknown>).parent = node;
    expect(JSON.stringify(sampleSchema(node)).length).toBeLessThan(100_000);
  });
});
