import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStateFile } from '../../src/mock/state/state-file.js';
import { ToolError } from '../../src/tool-errors.js';
import { connectAndDiscoverPostgres, createTestMock, KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';
import { connectShopify } from './connections.js';

describe('--state FILE (attachStateFile)', () => {
  let dir: string;
  let count = 0;
  const fresh = () => join(dir, `state-${++count}.json`);
  const saved = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowyte-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should write the start state at once when the file does not exist, and each change after it', async () => {
    const mock = await createTestMock();
    const path = fresh();
    const file = attachStateFile(mock.store, path);
    expect(file.loaded).toBe(false);
    expect(await saved(path)).toEqual(mock.call('GET', '/__mock/state', { key: null }).body.data);
    connectAndDiscoverPostgres(mock);
    await file.flush();
    expect((await saved(path)).connections.acme[0]).toMatchObject({ kind: 'postgres', status: 'connected' });
    await file.dispose();
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]); // renamed into place
  });

  it('should never write a key token or a credential value, only redacted keys and field names', async () => {
    const mock = await createTestMock();
    const path = fresh();
    const file = attachStateFile(mock.store, path);
    mock.call('POST', '/api/v1/integrations/postgres/connect', { body: { credentials: POSTGRES_CREDENTIALS } });
    await file.dispose();
    const text = await readFile(path, 'utf8');
    for (const token of Object.values(KEYS)) expect(text).not.toContain(token);
    expect(text).not.toContain(POSTGRES_CREDENTIALS.password);
    expect(JSON.parse(text).connections.acme[0].credentials.fields).toContain('password');
  });

  it('should load an existing file over the start data at start, the start data keeping the tokens', async () => {
    const first = await createTestMock();
    const path = fresh();
    const file = attachStateFile(first.store, path);
    connectShopify(first);
    first.call('PATCH', '/api/v1/integrations/shopify/scoping', { body: { blockedTables: ['customers'] } });
    first.call('POST', '/api/v1/agents/agt_acme_demo/integrations/shopify/provision');
    await file.dispose();
    const before = first.call('GET', '/__mock/state', { key: null }).body;

    const second = await createTestMock();
    const reopened = attachStateFile(second.store, path);
    expect(reopened.loaded).toBe(true);
    expect(second.call('GET', '/__mock/state', { key: null }).body).toEqual(before);
    expect(second.call('GET', '/api/v1/integrations/shopify/scoping').body.data.blockedTables).toEqual(['customers']);
    // POST /__mock/reset still goes back to the start data, and the file then holds that.
    second.call('POST', '/__mock/reset', { key: null });
    await reopened.dispose();
    expect((await saved(path)).connections.acme).toEqual([]);
  });

  it('should save nothing for a request that changed nothing, and nothing after dispose', async () => {
    const mock = await createTestMock();
    const path = fresh();
    const file = attachStateFile(mock.store, path, { debounceMs: 1 });
    await writeFile(path, 'left as it is');
    mock.call('POST', '/api/v1/integrations/postgres/sql/test', { body: { credentials: POSTGRES_CREDENTIALS } });
    await file.dispose();
    connectShopify(mock);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readFile(path, 'utf8')).toBe('left as it is');
  });

  it('should refuse a state file that is not a state, naming the file and the field, and leave the store alone', async () => {
    const mock = await createTestMock();
    const path = fresh();
    await writeFile(path, JSON.stringify({ orgs: [], agents: [], keys: [], connections: { acme: [{ kind: 'shopify' }] } }));
    const error = (() => {
      try {
        attachStateFile(mock.store, path);
      } catch (caught) {
        return caught as ToolError;
      }
      throw new Error('attached');
    })();
    expect(error).toBeInstanceOf(ToolError);
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain(path);
    expect(error.message).toContain('connections.acme names the org "acme", which orgs does not list');
    expect(mock.call('GET', '/api/v1/integrations').status).toBe(200);
  });

  it('should refuse a path it cannot write at start, not at the first change', async () => {
    const mock = await createTestMock();
    expect(() => attachStateFile(mock.store, join(dir, 'no-such-dir', 'state.json'))).toThrow(/cannot write the state file .*state\.json \(ENOENT\)/);
  });

  it('should report a save that failed and keep serving', async () => {
    const mock = await createTestMock();
    const errors: Error[] = [];
    const path = fresh();
    const file = attachStateFile(mock.store, path, { onError: (error) => errors.push(error) });
    await rm(dir, { recursive: true, force: true }); // the directory is gone: the next save fails
    connectShopify(mock);
    await file.dispose();
    expect(errors).toHaveLength(1);
    expect(mock.call('GET', '/api/v1/integrations').body.data).toHaveLength(1);
    dir = await mkdtemp(join(tmpdir(), 'flowyte-state-'));
  });
});
