import { createMockCore as createCoreOf, type MockCore, type MockOptions } from '../mock/core.js';
import { packagedDocument } from '../spec/packaged-contract.js';

/** The options of an in-process mock: the core's own, over the contract this package ships. */
export type MockCoreOptions = Omit<MockOptions, 'document'>;

/**
 * A mock of the packaged contract in this process (a test, a page, a service worker): requests in, answers
 * out, over its own state. Its contract and validators were compiled when the package was built, so it
 * starts in milliseconds and reads no file.
 */
export function createMockCore(options: MockCoreOptions = {}): MockCore {
  return createCoreOf({ ...options, document: packagedDocument() });
}
