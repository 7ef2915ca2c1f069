import type { DelayOption } from '../mock/conditions/condition-options.js';
import { withConditions } from '../mock/conditions/with-conditions.js';
import { createMockCore as createCoreOf, type MockCore, type MockOptions } from '../mock/core.js';
import { packagedDocument } from '../spec/packaged-contract.js';

/** The options of an in-process mock: the core's own over the contract this package ships, and its conditions. */
export type MockCoreOptions = Omit<MockOptions, 'document'> & {
  /** Latency added to every API answer (ms, or a range drawn per request), as `--delay`. */
  readonly delay?: DelayOption;
  /** The share, 0 to 1, of API requests answered by a fault (429, a dropped connection), as `--faults`. */
  readonly faultRate?: number;
  /** Makes the faults and a delay range repeatable, as `--seed`. */
  readonly seed?: number;
};

/**
 * A mock of the packaged contract in this process (a test, a page, a service worker): requests in, answers
 * out, over its own state, with the same conditions as the served mock (`Prefer: code=…, example=…, delay=…`,
 * and mock-wide latency and faults when asked). Its contract and validators were compiled when the package was
 * built, so it starts in milliseconds and reads no file.
 */
export function createMockCore(options: MockCoreOptions = {}): MockCore {
  const { delay, faultRate, seed, ...coreOptions } = options;
  const document = packagedDocument();
  return withConditions(createCoreOf({ ...coreOptions, document }), { document, delay, faultRate, seed, cors: coreOptions.cors });
}
