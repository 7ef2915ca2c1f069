import type { CoreCreationFigures } from './core-creation.js';
import type { LoadFigures } from './measure.js';

/** Everything one server measured: start-up, memory, and one load run per scenario. */
export interface ServerResult {
  readonly name: string;
  readonly basePath: string;
  readonly probeAnswers: readonly string[];
  /** Spawn to first 2xx: the median of `startupRunsMs`. */
  readonly startupMs: number;
  readonly startupRunsMs: readonly number[];
  readonly rssIdleMb: number;
  readonly rssAfterLoadMb: number;
  readonly loads: ReadonlyMap<string, LoadFigures>;
}

/** One bench run: the settings, the in-process core creation, and every server's results, in run order. */
export interface BenchReport {
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  readonly cores: number;
  readonly nodeVersion: string;
  readonly scenarios: readonly string[];
  readonly coreCreation: CoreCreationFigures;
  readonly servers: readonly ServerResult[];
}
