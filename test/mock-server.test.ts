import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMock } from '../src/cli/mock-server.js';
import { loadMockData } from '../src/mock/load-mock-data.js';

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

  it('should reload a changed data file with --watch, keeping the connections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowyte-watch-'));
    const data = join(dir, 'data.yaml');
    writeFileSync(data, DATA);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, dataPath: data, loadData: loadMockData, watch: true, notice: (line) => notices.push(line) });
    expect((await connectShopify()).status).toBe(200);
    writeFileSync(data, `${DATA}connections: { acme: [{ kind: postgres, discovered: true }] }\n`);
    await until(async () => notices.length > 0);
    expect(notices).toEqual(['reloaded, state kept']);
    expect(await listed()).toEqual(['shopify']);
  });

  it('should say so and keep serving when the changed data file is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowyte-watch-'));
    const data = join(dir, 'data.yaml');
    writeFileSync(data, DATA);
    const notices: string[] = [];
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true, dataPath: data, loadData: loadMockData, watch: true, notice: (line) => notices.push(line) });
    await connectShopify();
    writeFileSync(data, 'orgs: [{ id: 5 }]\n');
    await until(async () => notices.length > 0);
    expect(notices[0]).toMatch(/^reload failed, still serving the previous contract: .*data.yaml: agents is required/);
    expect(await listed()).toEqual(['shopify']);
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
