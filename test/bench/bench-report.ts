import type { LoadFigures } from './measure.js';

/** Everything one server measured: start-up, memory, and one load run per scenario. */
export interface ServerResult {
  readonly name: string;
  readonly basePath: string;
  readonly probeAnswers: readonly string[];
  readonly startupMs: number;
  readonly rssIdleMb: number;
  readonly rssAfterLoadMb: number;
  readonly loads: ReadonlyMap<string, LoadFigures>;
}

/** One bench run: the settings and every server's results, in run order. */
export interface BenchReport {
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  readonly cores: number;
  readonly nodeVersion: string;
  readonly scenarios: readonly string[];
  readonly servers: readonly ServerResult[];
}
