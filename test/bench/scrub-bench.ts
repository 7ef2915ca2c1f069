import { fullMemoryCase } from '../support/full-memory-case.js';

// How fast the proxy hides what it remembered (src/proxy/secret-memory.ts) in a large answer: its regexes against one
// search per value, on a full memory. Printed by `npm run bench`; measured at two to three times faster when written.

/** The best of five runs, in milliseconds. */
function fastest(scrub: () => string): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    scrub();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function benchScrub(): string {
  const { memory, body, oneByOne, values } = fullMemoryCase('[REDACTED]');
  const regexes = fastest(() => memory.scrub(body, '[REDACTED]'));
  const plain = fastest(() => oneByOne(body));
  return [
    '',
    `secret scrubbing (the proxy's log, header and recording): a ${(body.length / 1e6).toFixed(1)} MB body, ${values} values remembered, best of 5`,
    `  SecretMemory.scrub ${regexes.toFixed(1)} ms, one search per value ${plain.toFixed(1)} ms: ${(plain / regexes).toFixed(1)}× faster`,
    '',
  ].join('\n');
}
