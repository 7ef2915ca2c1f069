import { createMockCore as createFromDocument } from '../../src/mock/core.js';
import { defaultSpecPath, loadSpec } from '../../src/spec/load-spec.js';

/** What creating a mock core costs in this (warm) process, over the packaged contract and over a file. */
export interface CoreCreationFigures {
  /** Importing the package's entry point (`flowyte-contract`): the core and the packaged contract module. */
  readonly importMs: number;
  /** The first createMockCore(): decodes the packaged document and wraps its precompiled validators. */
  readonly firstMs: number;
  /** Every later createMockCore(), the figure a test file that creates its own mock pays: median and slowest. */
  readonly warmMedianMs: number;
  readonly warmMaxMs: number;
  readonly warmRuns: number;
  /** The same from a contract file (`--spec FILE`): loadSpec (swagger-parser validates) and the validators compiled by ajv. */
  readonly fromFileMedianMs: number;
  readonly fromFileRuns: number;
}

const WARM_RUNS = 50;
const FROM_FILE_RUNS = 3;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed<T>(work: () => T | Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Measures in this process; run it before anything else loads the mock's modules, so that the import is cold. */
export async function measureCoreCreation(): Promise<CoreCreationFigures> {
  let api!: typeof import('../../src/index.js');
  const importMs = await timed(async () => (api = await import('../../src/index.js')));
  const firstMs = await timed(() => api.createMockCore());
  const warm: number[] = [];
  for (let run = 0; run < WARM_RUNS; run++) warm.push(await timed(() => api.createMockCore()));
  const fromFile: number[] = [];
  for (let run = 0; run < FROM_FILE_RUNS; run++) {
    fromFile.push(await timed(async () => createFromDocument({ document: await loadSpec(defaultSpecPath()) })));
  }
  return {
    importMs,
    firstMs,
    warmMedianMs: median(warm),
    warmMaxMs: Math.max(...warm),
    warmRuns: WARM_RUNS,
    fromFileMedianMs: median(fromFile),
    fromFileRuns: FROM_FILE_RUNS,
  };
}
