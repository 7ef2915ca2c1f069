/** A stream of numbers in [0, 1) that the same seed always repeats. */
export type Random = () => number;

/**
 * mulberry32: a 32-bit generator, small and fast, with a full 2^32 period; good enough to spread the mock's
 * faults and delays and the suites' samples, and unlike Math.random it can be replayed from a seed.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a run that was given none: printed by the caller, so that the run can be repeated. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
