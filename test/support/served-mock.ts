import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockCore, type MockCore, type MockOptions } from '../../src/mock/core.js';
import { createMockServer, type ServedRequest } from '../../src/mock/http-adapter.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';
import type { MockRequest, MockResponse } from '../../src/mock/types.js';
import { loadContract } from './test-mock.js';

export interface ServedMock {
  readonly core: MockCore;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The origin and the API's base path. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  readonly mock?: Partial<MockOptions>;
  readonly onServed?: (served: ServedRequest) => void;
}

/** The mock (or a variant of it: `wrap` sees every request) on a free loopback port. */
export async function serveMock(wrap?: (core: MockCore, request: MockRequest) => MockResponse, options: ServeOptions = {}): Promise<ServedMock> {
  const { document } = await loadContract();
  const core = createMockCore({ document, ...options.mock });
  const server: Server = createMockServer(wrap ? { ...core, handle: (request) => wrap(core, request) } : core, options.onServed);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    core,
    origin: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A test config file for the built-in keys and agents, pointing at `target`. */
export function writeTestConfig(target: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'flowyte-config-'));
  const path = join(directory, 'config.json');
  writeFileSync(path, JSON.stringify(testConfigOf(BUILT_IN_DATA, target)));
  return path;
}

/** A CLI io that keeps what was printed. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {}, stopSignal: new Promise<void>(() => {}) } };
}
