// flowyte-contract: the mock of the Flowyte Integrations API in-process, over the packaged contract, for
// tests, pages and service workers. Nothing here reads a file or needs Node: it bundles for a browser.
// MSW handlers are in flowyte-contract/msw (src/msw.ts), so that msw stays an optional peer.
export { createMockCore, type MockCoreOptions } from './in-process/create-core.js';
export { createFetchHandler, type FetchHandler, type FetchHandlerOptions } from './fetch/fetch-handler.js';
export { NetworkDropError } from './fetch/network-drop.js';
export type { MockCore } from './mock/core.js';
export type { MockRequest, MockResponse } from './mock/types.js';
export type { MockData } from './mock/mock-data.js';
