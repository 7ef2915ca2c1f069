import fc from 'fast-check';
import { SecretMemory } from '../../src/proxy/secret-memory.js';

/**
 * A full SecretMemory (1,000 random values of 8 to 48 characters) and a 1 MB JSON body holding twenty of them, with
 * the plain way to scrub it (one search per value, longest first): what the memory's regexes must agree with, and what
 * `npm run bench` measures them against.
 */
export function fullMemoryCase(replacement: string) {
  const random = fc.sample(fc.stringMatching(/^[A-Za-z0-9_]{8,48}$/), { numRuns: 1_000, seed: 7 });
  const memory = new SecretMemory();
  memory.remember(random);
  const values = [...memory].sort((a, b) => b.length - a.length);
  const body = JSON.stringify({ data: Array.from({ length: 20_000 }, (_, i) => ({ id: `item_${i}`, name: `Item number ${i}`, note: i % 1_000 === 0 ? values[i / 1_000] : 'ok' })) });
  const oneByOne = (text: string) => values.reduce((result, value) => (result.includes(value) ? result.split(value).join(replacement) : result), text);
  return { memory, body, oneByOne, values: values.length };
}
