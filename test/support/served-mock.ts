import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockCore, type MockCore } from '../../src/mock/core.js';
import { createMockServer } from '../../src/mock/http-adapter.js';
import { BUILT_IN_DATA } from '../../src/mock/mock-data.js';
import type { MockRequest, MockResponse } from '../../src/mock/types.js';
import { loadContract } from './test-mock.js';

export interface ServedMock {
  readonly core: MockCore;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The mock (or a variant of it: `wrap` sees every request) on a free loopback port. */
export async function serveMock(wrap?: (core: MockCore, request: MockRequest) => MockResponse): Promise<ServedMock> {
  const { document } = await loadContract();
  const core = createMockCore({ document });
  const server: Server = createMockServer(wrap ? { ...core, handle: (request) => wrap(core, request) } : core);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    core,
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
  const agents: Record<string, string> = {};
  for (const agent of BUILT_IN_DATA.agents) agents[agent.org] ??= agent.id;
  const config = { target, keys: BUILT_IN_DATA.keys.map((key) => ({ name: key.name, token: key.token, org: key.org, scopes: key.scopes })), agents };
  const path = join(directory, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** A CLI io that keeps what was printed. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {}, stopSignal: new Promise<void>(() => {}) } };
}
