import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMock } from '../src/cli/mock-server.js';
import { loadMockData } from '../src/mock/load-mock-data.js';
import { defaultSpecPath } from '../src/spec/load-spec.js';

const ADMIN = { authorization: 'Bearer flowyte_sk_test_acme_admin', 'content-type': 'application/json' };
const DATA = `orgs: [{ id: acme, name: Acme Corp }]
agents: [{ id: agt_acme_demo, org: acme }]
keys: [{ token: flowyte_sk_test_acme_admin, org: acme, scopes: [integrations:read, integrations:write, integrations:connect, skills:write] }]
`;

async function until(condition: () => Promise<boolean>, ms = 5000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (await condition()) return;
  }
  throw new Error('timed out');
}

/** `flowyte-contract mock` as the CLI composes it: --watch and --state, over HTTP. */
describe('the served mock', () => {
  let mock: RunningMock | undefined;
  afterEach(async () => mock?.close());

  const connectShopify = () => fetch(`${mock!.origin}/api/v1/integrations/shopify/connect`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ credentials: { apiKey: 'shpat_watch_secret' } }) });
  const listed = async () => ((await (await fetch(`${mock!.origin}/api/v1/integrations`, { headers: ADMIN })).json()) as { data: Array<{ kind: string }> }).data.map((c) => c.kind);

  it('should start from a changed data file with --watch, at every save, a renamed-over one included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowyte-watch-'));
    const data = join(dir, 'data.yaml');
    writeFileSync(data, DATA);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, dataPath: data, loadData: loadMockData, watch: true, notice: (line) => notices.push(line) });
    expect((await connectShopify()).status).toBe(200);
    writeFileSync(data, `${DATA}connections: { acme: [{ kind: postgres, discovered: true }] }\n`);
    await until(async () => notices.length > 0);
    expect(notices).toEqual([`reloaded ${data}: started from the new data`]);
    expect(await listed()).toEqual(['postgres']);
    // An editor's save: a new file renamed over the old one.
    writeFileSync(`${data}.tmp`, `${DATA}connections: { acme: [{ kind: mysql }] }\n`);
    renameSync(`${data}.tmp`, data);
    await until(async () => notices.length > 1);
    expect(await listed()).toEqual(['mysql']);
  });

  it('should keep the state when the spec changes with --watch', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'flowyte-watch-')), 'openapi.yaml');
    copyFileSync(defaultSpecPath(), spec);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, specPath: spec, watch: true, notice: (line) => notices.push(line) });
    await connectShopify();
    appendFileSync(spec, '\n# edited\n');
    await until(async () => notices.length > 0, 10_000);
    expect(notices).toEqual([`reloaded ${spec}, state kept`]);
    expect(await listed()).toEqual(['shopify']);
  }, 15_000);

  it('should say so and keep serving when the changed data file is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowyte-watch-'));
    const data = join(dir, 'data.yaml');
    writeFileSync(data, DATA);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, dataPath: data, loadData: loadMockData, watch: true, notice: (line) => notices.push(line) });
    await connectShopify();
    writeFileSync(data, 'orgs: [{ id: 5 }]\n');
    await until(async () => notices.length > 0);
    expect(notices[0]).toMatch(/^reload failed, still serving the previous contract and data: .*data.yaml: agents is required/);
    expect(await listed()).toEqual(['shopify']);
  });

  it('should hand the new state to --state on a --watch reload, and keep saving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowyte-watch-'));
    const [data, state] = [join(dir, 'data.yaml'), join(dir, 'state.json')];
    writeFileSync(data, DATA);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, dataPath: data, loadData: loadMockData, statePath: state, watch: true, notice: (line) => notices.push(line) });
    writeFileSync(data, `${DATA}connections: { acme: [{ kind: postgres }] }\n`);
    await until(async () => notices.length > 0);
    expect(JSON.parse(readFileSync(state, 'utf8')).connections.acme.map((c: { kind: string }) => c.kind)).toEqual(['postgres']);
    await connectShopify();
    await mock.close();
    mock = undefined;
    expect(JSON.parse(readFileSync(state, 'utf8')).connections.acme.map((c: { kind: string }) => c.kind).sort()).toEqual(['postgres', 'shopify']);
  });

  it('should save the state to --state and start from it again, without the credential', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'flowyte-state-')), 'state.json');
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, statePath: state });
    expect(mock.stateLoaded).toBe(false);
    await connectShopify();
    await mock.close();
    expect(readFileSync(state, 'utf8')).not.toContain('shpat_watch_secret');
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, statePath: state });
    expect(mock.stateLoaded).toBe(true);
    expect(await listed()).toEqual(['shopify']);
  });
});
