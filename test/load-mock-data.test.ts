import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMockData } from '../src/mock/load-mock-data.js';
import { ToolError } from '../src/tool-errors.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/mock-data/${name}`, import.meta.url));

const INITECH = {
  orgs: [{ id: 'initech', name: 'Initech' }],
  agents: [{ id: 'agt_initech_1', org: 'initech', name: 'Initech TPS desk' }],
  keys: [{ token: 'flowyte_sk_test_initech_admin', org: 'initech', name: 'initech_admin', scopes: ['integrations:read'] }],
};

/** The ToolError loading `path` throws (the test fails if it loads). */
function loadError(path: string): ToolError {
  try {
    loadMockData(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    return error as ToolError;
  }
  throw new Error(`${path} loaded, but should have been refused`);
}

describe('loadMockData', () => {
  let dir: string;
  const fileWith = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowyte-mock-data-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should load a YAML file', () => {
    expect(loadMockData(fixture('initech.yaml'))).toEqual(INITECH);
  });

  it('should load a JSON file', () => {
    expect(loadMockData(fixture('initech.json'))).toEqual(INITECH);
  });

  it('should refuse a missing file with DATA_INVALID naming the path', () => {
    const error = loadError(join(dir, 'absent.yaml'));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('absent.yaml');
  });

  it('should refuse a file that is not YAML', async () => {
    const error = loadError(await fileWith('broken.yaml', 'orgs: [\n  { id: initech, name: Initech\nagents: []\n'));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toMatch(/broken\.yaml is neither JSON nor YAML: \S/);
    expect(error.message).not.toContain('\n');
  });

  it('should refuse an empty file', async () => {
    const error = loadError(await fileWith('empty.yaml', ''));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('must be object');
  });

  it('should refuse a key token that does not start with flowyte_sk_, naming the field', async () => {
    const data = { ...INITECH, keys: [{ token: 'sk_live_initech', org: 'initech', scopes: ['integrations:read'] }] };
    const error = loadError(await fileWith('bad-token.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toMatch(/keys\[0\]\.token must match pattern "\^flowyte_sk_/);
  });

  it('should refuse a key without scopes, naming the field', async () => {
    const data = { ...INITECH, keys: [{ token: 'flowyte_sk_test_initech_admin', org: 'initech' }] };
    const error = loadError(await fileWith('no-scopes.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('keys[0].scopes is required');
  });

  it('should refuse an agent of an org that is not listed in orgs, naming the org', async () => {
    const data = { ...INITECH, agents: [{ id: 'agt_umbrella_1', org: 'umbrella' }] };
    const error = loadError(await fileWith('stray-agent.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('org "umbrella" is used but not listed in orgs');
  });

  it('should refuse a key of an org that is not listed in orgs, naming the org', async () => {
    const data = { ...INITECH, keys: [{ token: 'flowyte_sk_test_umbrella_admin', org: 'umbrella', scopes: [] }] };
    const error = loadError(await fileWith('stray-key.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('org "umbrella" is used but not listed in orgs');
  });
  it.each([
    ['key token', { ...INITECH, keys: [...INITECH.keys, ...INITECH.keys] }, 'flowyte_sk_test_initech_admin'],
    ['agent', { ...INITECH, agents: [...INITECH.agents, ...INITECH.agents] }, 'agt_initech_1'],
  ])('should refuse a %s listed twice, naming it', async (what, data, id) => {
    const error = loadError(await fileWith(`twice-${what.replace(' ', '-')}.json`, JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain(`the ${what} "${id}" is listed twice`);
  });
});
