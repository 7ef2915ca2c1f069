import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretMemory } from '../../src/proxy/secret-memory.js';
import { fullMemoryCase } from '../support/full-memory-case.js';

const R = '#';

describe('SecretMemory', () => {
  it('should replace every remembered value, however many regex characters or code points it holds', () => {
    // Values never hold a digit, fillers only digits: each value stands whole between two fillers.
    const value = fc.string({ unit: fc.constantFrom(...'ab.*+?^${}()|[]\\/-é😀 \n"'.split('')) as fc.Arbitrary<string>, minLength: 4, maxLength: 80 });
    const filler = fc.stringMatching(/^[0-9]{1,5}$/);
    fc.assert(
      fc.property(fc.uniqueArray(value, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), filler), { maxLength: 20 }), filler, (values, parts, last) => {
        const memory = new SecretMemory();
        memory.remember(values);
        const text = parts.map(([index, digits]) => digits + values[index % values.length]).join('') + last;
        expect(memory.scrub(text, R)).toBe(parts.map(([, digits]) => digits + R).join('') + last);
        const bytes = memory.scrubBytes(Buffer.from(text), R).toString('utf8');
        expect(bytes).toBe(parts.map(([, digits]) => digits + R).join('') + last);
      }),
    );
  });

  it('should replace the longest value first, so that none is left half shown', () => {
    const memory = new SecretMemory();
    memory.remember(['abcd', 'abcdefgh', 'x'.repeat(70), 'x'.repeat(200)]);
    expect(memory.scrub(`abcdefgh abcd ${'x'.repeat(200)}`, R)).toBe('# # #');
  });

  it('should never hide a value of three characters or fewer', () => {
    const memory = new SecretMemory();
    memory.remember(['bob', 'db1', 'pw', 'appdb']);
    expect(memory.scrub('{"user":"bob","db":"db1","pw":"pw","name":"appdb"}', R)).toBe('{"user":"bob","db":"db1","pw":"pw","name":"#"}');
  });

  it('should hide identifiers in text but not in URLs, and secrets in both, percent-encoded too', () => {
    const memory = new SecretMemory();
    memory.remember(['analytics_db'], 'identifier');
    memory.remember(['p@ss word/1'], 'secret');
    expect(memory.scrubUrl('/sql/scripts?database=analytics_db&x=p%40ss%20word%2F1&y=p%40ss+word%2F1', R)).toBe('/sql/scripts?database=analytics_db&x=#&y=#');
    expect(memory.scrub('GRANT CONNECT ON DATABASE analytics_db; -- p@ss word/1', R)).toBe('GRANT CONNECT ON DATABASE #; -- #');
    // Seen again as a secret, an identifier becomes one.
    memory.remember(['analytics_db'], 'secret');
    expect(memory.scrubUrl('?database=analytics_db', R)).toBe('?database=#');
  });

  it('should forget the oldest value past its capacity, and keep one seen again', () => {
    const memory = new SecretMemory(3);
    memory.remember(['key-one', 'key-two', 'key-three']);
    memory.remember(['key-one', 'key-four']);
    expect([...memory]).toEqual(['key-three', 'key-one', 'key-four']);
    expect(memory.scrub('key-two key-one', R)).toBe('key-two #');
  });

  it('should scrub a large body against a full memory as a search per value would (its speed: npm run bench)', () => {
    const { memory, body, oneByOne } = fullMemoryCase(R);
    expect(memory.scrub(body, R)).toBe(oneByOne(body));
  });
});
