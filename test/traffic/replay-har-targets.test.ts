import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BUILT_IN_DATA, testConfigOf, type MockData } from '../../src/mock/mock-data.js';
import { keyFingerprint, type HarEntry } from '../../src/traffic/har.js';
import { RESPONSE_CHECK_VARIANTS } from '../contract/broken-variants/response-checks.js';
import { captureIo, serveMock, type ServedMock } from '../support/served-mock.js';
import { KEYS } from '../support/test-mock.js';
import { harFile, record, redacted, replay, session, writeFile } from './replay-fixtures.js';

describe('replay --har: recordings of other servers, replayed against a second server, bad input', () => {
  let recording: HarEntry[];

  beforeAll(async () => {
    recording = await record(session(KEYS.acmeAdmin, 'agt_acme_demo'));
  });

  it('should replay only the entries under --base-url, read where the API is mounted', async () => {
    const base = 'https://staging.example.com/backend/api/v1';
    const mounted = recording.map((entry) => ({ ...entry, request: { ...entry.request, url: entry.request.url.replace(/^http:\/\/[^/]+\/api\/v1/, base) } }));
    const { exitCode, report } = await replay(harFile(mounted), '--base-url', base);
    expect(exitCode).toBe(0);
    expect(report?.totals).toEqual({ exchanges: 9, same: 9, differs: 0, notReplayed: 0, outsideApi: 1 });
    expect(report?.exchanges[0]).toMatchObject({ path: '/backend/api/v1/integrations/catalog', operationId: 'listIntegrationCatalog' });
    // The same requests on another origin are not the API --base-url names.
    const { report: elsewhere } = await replay(harFile([...recording, ...mounted]), '--base-url', base);
    expect(elsewhere?.totals).toMatchObject({ exchanges: 9, same: 9, outsideApi: 11 });
    const { exitCode: unnamed, err } = await replay(harFile(mounted));
    expect(unnamed).toBe(2);
    expect(err).toMatch(/HAR_INVALID: .*none of its 10 entries is a request to the API under \/api\/v1 on any origin/);
  });

  describe('a recording of another server, with its own key and agent', () => {
    const STAGING_KEY = 'flowyte_sk_live_staging_acme_7f3e';
    const staging: MockData = {
      orgs: [{ id: 'acme', name: 'Acme on staging' }, { id: 'initech', name: 'Another tenant' }],
      agents: [{ id: 'agt_staging_front_desk', org: 'acme' }, { id: 'agt_staging_other', org: 'initech' }],
      keys: [{ token: STAGING_KEY, org: 'acme', scopes: BUILT_IN_DATA.keys[0]!.scopes }],
    };
    let stagingRecording: HarEntry[];

    beforeAll(async () => {
      stagingRecording = await record(session(STAGING_KEY, 'agt_staging_front_desk'), staging);
    });

    it('should replay it with a replay.keys mapping from the staging key to a mock key, and the mock\'s agent', async () => {
      const config = { ...testConfigOf(BUILT_IN_DATA, 'http://127.0.0.1:1/api/v1'), replay: { keys: { [keyFingerprint(STAGING_KEY)]: 'acme_admin' } } };
      const { exitCode, report } = await replay(harFile(redacted(stagingRecording)), '--config', writeFile('config.json', config));
      expect(exitCode).toBe(0);
      expect(report?.totals).toMatchObject({ exchanges: 9, same: 9 });
      expect(report?.exchanges[7]).toMatchObject({ path: '/api/v1/agents/agt_staging_front_desk/integrations/shopify/provision', outcome: 'same', key: { sentAs: 'acme_admin' } });
    });

    it('should keep a probe of another tenant\'s agent a probe: an agent the target does not know is sent as recorded', async () => {
      const provision = (agent: string) => ({ method: 'POST', path: `/api/v1/agents/${agent}/integrations/shopify/provision`, key: STAGING_KEY, body: {} });
      const probes = await record([{ method: 'POST', path: '/api/v1/integrations/shopify/connect', key: STAGING_KEY, body: { credentials: { apiKey: 'shpat_staging_0042' } } }, provision('agt_staging_other'), provision('agt_staging_front_desk')], staging);
      expect(probes.map((entry) => entry.response.status)).toEqual([200, 404, 200]);
      const config = { ...testConfigOf(BUILT_IN_DATA, 'http://127.0.0.1:1/api/v1'), replay: { keys: { [keyFingerprint(STAGING_KEY)]: 'acme_admin' } } };
      const { exitCode, report } = await replay(harFile(probes), '--config', writeFile('config.json', config));
      expect(report?.exchanges.map((exchange) => [exchange.recordedStatus, exchange.replayedStatus, exchange.outcome])).toEqual([[200, 200, 'same'], [404, 404, 'same'], [200, 200, 'same']]);
      expect(exitCode).toBe(0);
    });

    it('should report an exchange whose key has no mapping as not replayed, and go on', async () => {
      const fingerprint = keyFingerprint(STAGING_KEY);
      const { exitCode, out, report, markdown } = await replay(harFile(stagingRecording));
      expect(exitCode).toBe(0);
      expect(report?.totals).toMatchObject({ exchanges: 9, same: 1, differs: 0, notReplayed: 8 });
      // Listed as not replayed in fidelity.md, never among the answers that differ.
      expect(markdown).not.toContain('## Where the answers differ');
      expect(markdown).toContain('## Not replayed');
      expect(out).toContain(`#1 GET /api/v1/integrations/catalog: not replayed: key ${fingerprint} has no mapping`);
      expect(out).toContain('#9 GET /api/v1/integrations: same (401)');
      expect(out + JSON.stringify(report)).not.toContain(STAGING_KEY);
    });
  });

  describe('against a second server (--target)', () => {
    const variant = (name: string) => RESPONSE_CHECK_VARIANTS.find((candidate) => candidate.name === name)!;
    const servers: ServedMock[] = [];
    afterAll(() => Promise.all(servers.map((server) => server.close())));

    it.each([
      ['drops the envelope from the catalog', '#1 GET /api/v1/integrations/catalog: differs\n    (body): object recorded, array replayed'],
      ['answers an undeclared 410 where it should answer 404', '#2 POST /api/v1/integrations/postgres/discover: differs\n    status 404 recorded, 410 replayed'],
    ])('should show where a server that %s differs', async (name, line) => {
      const server = await serveMock(variant(name).handle);
      servers.push(server);
      const { exitCode, out, report } = await replay(harFile(recording), '--target', server.baseUrl);
      expect(exitCode).toBe(1);
      expect(out).toContain(line);
      expect(report?.target).toBe(server.baseUrl);
      expect(report?.totals.differs).toBe(1);
    });
  });

  describe('bad input', () => {
    it.each([
      [['--har', '/no/such/file.har'], /^flowyte-contract: HAR_INVALID: \/no\/such\/file\.har: no such file\n$/],
      [['--har', 'x.har', '--data', 'd.yaml', '--target', 'http://127.0.0.1:1/api/v1'], /USAGE: --data sets up the mock/],
      [['--har', 'x.har', '--timeout', '0'], /USAGE: --timeout must be a whole number from 1 to 3600000, not "0"/],
      [['--har', 'x.har', '--base-url', 'ftp://x'], /USAGE: --base-url must be an http\(s\) URL, not "ftp:\/\/x"/],
      [['--har', 'x.har', 'report.json'], /USAGE: replay --har FILE takes no <report.json> <failure-id>/],
      [['--har', 'x.har', '--bogus'], /^flowyte-contract: USAGE: Unknown option '--bogus'\n$/],
    ])('should refuse %j in one line, and print nothing else', async (args, message) => {
      const { io, out, err } = captureIo();
      expect(await main(['replay', ...args], io)).toBe(2);
      expect(err.join('')).toMatch(message);
      expect(out.join('')).toBe('');
    });

    it('should refuse a HAR with no request to the API', async () => {
      const { exitCode, err } = await replay(harFile(recording.slice(9)));
      expect(exitCode).toBe(2);
      expect(err).toMatch(/HAR_INVALID: .*none of its 1 entries is a request to the API under \/api\/v1/);
    });

    it('should say a --target nothing listens on is unreachable', async () => {
      const { exitCode, out, err } = await replay(harFile(recording), '--target', 'http://127.0.0.1:9/api/v1');
      expect(exitCode).toBe(2);
      // One line in all: no "replaying … against …" before it.
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^flowyte-contract: TARGET_UNREACHABLE: GET http:\/\/127\.0\.0\.1:9\/api\/v1\/integrations\/catalog failed: refused/);
    });
  });
});
