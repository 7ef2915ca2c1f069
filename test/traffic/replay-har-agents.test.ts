import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfiguredKey } from '../../src/contract/config.js';
import type { HarEntry } from '../../src/traffic/har.js';
import { AgentMap } from '../../src/traffic/replay-agents.js';
import type { KeyMapping } from '../../src/traffic/replay-keys.js';
import { KEYS } from '../support/test-mock.js';
import { harFile, record, replay, type Step } from './replay-fixtures.js';

const provision = (agent: string, key: string): Step => ({ method: 'POST', path: `/api/v1/agents/${agent}/integrations/shopify/provision`, key, body: {} });
const connectShopify = (key: string): Step => ({ method: 'POST', path: '/api/v1/integrations/shopify/connect', key, body: { credentials: { apiKey: 'shpat_probe_0042' } } });

describe('replay --har of cross-tenant probes', () => {
  let probes: HarEntry[];

  beforeAll(async () => {
    // As `test` probes tenancy: one organization's key on another's agent, each way, beside a call on its own.
    probes = await record([connectShopify(KEYS.acmeAdmin), provision('agt_globex_demo', KEYS.acmeAdmin), provision('agt_acme_demo', KEYS.acmeAdmin), connectShopify(KEYS.globexAdmin), provision('agt_acme_demo', KEYS.globexAdmin)]);
    expect(probes.map((entry) => entry.response.status)).toEqual([200, 404, 200, 200, 404]);
  });

  it('should send each probe to the agent it named, so that the mock refuses it as the recorded server did', async () => {
    const { exitCode, report } = await replay(harFile(probes));
    expect(report?.exchanges.map((exchange) => [exchange.path, exchange.replayedStatus, exchange.outcome])).toEqual([
      ['/api/v1/integrations/shopify/connect', 200, 'same'],
      ['/api/v1/agents/agt_globex_demo/integrations/shopify/provision', 404, 'same'],
      ['/api/v1/agents/agt_acme_demo/integrations/shopify/provision', 200, 'same'],
      ['/api/v1/integrations/shopify/connect', 200, 'same'],
      ['/api/v1/agents/agt_acme_demo/integrations/shopify/provision', 404, 'same'],
    ]);
    expect(exitCode).toBe(0);
  });
});

describe('AgentMap', () => {
  const key = (org: string): KeyMapping => ({ kind: 'mapped', fingerprint: '0123456789ab', key: { name: `${org}_admin`, org } as ConfiguredKey });
  const none: KeyMapping = { kind: 'none' };

  it('should keep an agent of the config, whichever key names it', () => {
    const agents = new AgentMap({ acme: 'agt_a', globex: 'agt_g' });
    expect(agents.map('agt_g', key('acme'), 200)).toEqual({ agent: 'agt_g' });
    expect(agents.map('agt_a', none, 401)).toEqual({ agent: 'agt_a' });
  });

  it('should map an agent the target names otherwise by a recorded 2xx on it, then by its id whatever the key', () => {
    const agents = new AgentMap({ acme: 'agt_a', globex: 'agt_g' });
    expect(agents.map('agt_staging', key('globex'), 404)).toEqual({ agent: 'agt_staging' });
    expect(agents.map('agt_staging', key('acme'), 201)).toEqual({ agent: 'agt_a' });
    expect(agents.map('agt_staging', key('globex'), 404)).toEqual({ agent: 'agt_a' });
    expect(new AgentMap({}).map('agt_staging', key('initech'), 200)).toEqual({ reason: 'no agent of organization "initech" in the config' });
  });

  it('should learn the agents two answers name at the same place', () => {
    const agents = new AgentMap({ acme: 'agt_a' });
    agents.learn({ data: [{ agentId: 'agt_staging', name: 'x' }] }, { data: [{ agentId: 'agt_a', name: 'x' }] });
    expect(agents.map('agt_staging', key('globex'), 404)).toEqual({ agent: 'agt_a' });
  });
});
