import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('should refuse an agent of an org that is not listed in orgs, naming the field and the org', async () => {
    const data = { ...INITECH, agents: [{ id: 'agt_umbrella_1', org: 'umbrella' }] };
    const error = loadError(await fileWith('stray-agent.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('agents[0].org names the org "umbrella", which orgs does not list');
  });

  it('should refuse a key of an org that is not listed in orgs, naming the field and the org', async () => {
    const data = { ...INITECH, keys: [{ token: 'flowyte_sk_test_umbrella_admin', org: 'umbrella', scopes: [] }] };
    const error = loadError(await fileWith('stray-key.json', JSON.stringify(data)));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('keys[0].org names the org "umbrella", which orgs does not list');
  });

  it('should refuse an agent listed twice, naming it and where it first was', async () => {
    const error = loadError(await fileWith('twice-agent.json', JSON.stringify({ ...INITECH, agents: [...INITECH.agents, ...INITECH.agents] })));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('agents[1].id repeats the agent "agt_initech_1" of agents[0].id');
  });

  it('should refuse a key token listed twice without quoting the token', async () => {
    const error = loadError(await fileWith('twice-token.json', JSON.stringify({ ...INITECH, keys: [...INITECH.keys, { ...INITECH.keys[0], name: 'other' }] })));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain('keys[1].token repeats the token of keys[0].token');
    expect(error.message).not.toContain('flowyte_sk_test_initech_admin');
  });

  it('should load connections and skills: shopify connected, postgres discovered with customers.email blocked', async () => {
    const path = await fileWith(
      'seeded.yaml',
      `${await readFile(fixture('initech.yaml'), 'utf8')}
connections:
  initech:
    - { kind: shopify }
    - { kind: postgres, discovered: true, scoping: { blockedColumns: { customers: [email] } } }
skills:
  agt_initech_1:
    - { kind: shopify, provision: { actions: [lookup_order] } }
    - { kind: postgres, binding: { toolName: find_customer, operation: search_customers, sqlSearch: { column: phone, param: phone } } }
`,
    );
    const data = loadMockData(path);
    expect(data.connections?.initech).toHaveLength(2);
    expect(data.skills?.agt_initech_1).toHaveLength(2);
  });

  it.each([
    ['a reserved kind', { initech: [{ kind: 'shopify' }, { kind: 'calendly' }] }, undefined, 'connections.initech[1].kind must be one of: google_calendar'],
    ['a misspelt connection field', { initech: [{ kind: 'shopify', scopes: {} }] }, undefined, 'connections.initech[0].scopes is not a known field'],
    ['a blocked table that is not a name', { initech: [{ kind: 'postgres', scoping: { blockedTables: [1] } }] }, undefined, 'connections.initech[0].scoping.blockedTables[0] must be string'],
    ['a misspelt binding field', { initech: [{ kind: 'postgres', discovered: true }] }, { agt_initech_1: [{ kind: 'postgres', binding: { toolname: 'x', operation: 'search_customers' } }] }, 'skills.agt_initech_1[0].binding.toolName is required'],
    ['a binding on a blocked column', { initech: [{ kind: 'postgres', discovered: true, scoping: { blockedColumns: { customers: ['phone'] } } }] }, { agt_initech_1: [{ kind: 'postgres', binding: { toolName: 'x', operation: 'search_customers', sqlSearch: { column: 'phone', param: 'p' } } }] }, "skills.agt_initech_1[0].binding.sqlSearch.column customers.phone is blocked by the connection's data scoping"],
  ])('should refuse %s, naming the field', async (what, connections, skills, message) => {
    const error = loadError(await fileWith(`${what.replaceAll(' ', '-')}.json`, JSON.stringify({ ...INITECH, connections, ...(skills ? { skills } : {}) })));
    expect(error.code).toBe('DATA_INVALID');
    expect(error.message).toContain(message);
  });

  it('should refuse a credential value, naming the field and never quoting the value', async () => {
    const connections = { initech: [{ kind: 'shopify', credentials: { apiKey: 'shpat_do_not_echo' } }] };
    const error = loadError(await fileWith('credential.json', JSON.stringify({ ...INITECH, connections })));
    expect(error.message).toContain('connections.initech[0].credentials');
    expect(error.message).not.toContain('shpat_do_not_echo');
  });

  it('should refuse a __proto__ key as an unknown field or an unlisted org, never as a prototype', async () => {
    const top = loadError(await fileWith('proto-top.json', `{"orgs":[],"agents":[],"keys":[],"__proto__":{"orgs":[]}}`));
    expect(top.message).toContain('__proto__ is not a known field');
    const org = loadError(await fileWith('proto-org.json', `{"orgs":[],"agents":[],"keys":[],"connections":{"__proto__":[{"kind":"shopify"}]}}`));
    expect(org.message).toContain('connections.__proto__ names the org "__proto__", which orgs does not list');
  });
});
