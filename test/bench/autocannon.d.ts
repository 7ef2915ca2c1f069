// autocannon ships no types and @types/autocannon is not a dependency; this declares only what the bench reads.
declare module 'autocannon' {
  /** Percentile summary autocannon computes for latency (ms) and requests (per second). */
  interface Histogram {
    readonly average: number;
    readonly mean: number;
    readonly stddev: number;
    readonly min: number;
    readonly max: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
  }

  /** The subset of autocannon's options the bench sets. */
  export interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    readonly method?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly timeout?: number;
  }

  /** The subset of autocannon's result the bench reads. */
  export interface Result {
    readonly duration: number;
    readonly requests: Histogram & { readonly total: number; readonly sent: number };
    readonly latency: Histogram;
    /** Counts timeouts too. */
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  }

  /** Runs one load test; without a callback it resolves with the result. */
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
