import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BUILT_IN_DATA, testConfigOf, type MockData } from '../../src/mock/mock-data.js';
import type { FidelityReport } from '../../src/traffic/fidelity-report.js';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE, type HarEntry, type HarHeader } from '../../src/traffic/har.js';
import { RESPONSE_CHECK_VARIANTS } from '../contract/broken-variants/response-checks.js';
import { captureIo, serveMock, type ServedMock } from '../support/served-mock.js';
import { KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';

/** One request of a recorded session; `path` may read the answers before it (a cursor, say). */
interface Step {
  readonly method: string;
  readonly path: string | ((answers: readonly any[]) => string);
  /** A token, or null for none. */
  readonly key: string | null;
  readonly body?: unknown;
}

const SHOPIFY_KEY = 'shpat_recorded_secret_0042';

/** A frontend's session against the API, as the mock answers it from its built-in data. */
function session(key: string, agent: string): Step[] {
  return [
    { method: 'GET', path: '/api/v1/integrations/catalog', key },
    { method: 'POST', path: '/api/v1/integrations/postgres/discover', key }, // 404: not connected yet
    { method: 'POST', path: '/api/v1/integrations/shopify/connect', key, body: { credentials: { apiKey: SHOPIFY_KEY } } },
    { method: 'POST', path: '/api/v1/integrations/postgres/connect', key, body: { credentials: POSTGRES_CREDENTIALS } },
    { method: 'POST', path: '/api/v1/integrations/postgres/discover', key },
    { method: 'GET', path: '/api/v1/integrations/postgres/objects?limit=1', key },
    { method: 'GET', path: (answers) => `/api/v1/integrations/postgres/objects?limit=1&cursor=${encodeURIComponent(answers[5].nextCursor)}`, key },
    { method: 'POST', path: `/api/v1/agents/${agent}/integrations/shopify/provision`, key, body: {} },
    { method: 'GET', path: '/api/v1/integrations', key: null }, // 401
    { method: 'GET', path: '/', key: null }, // outside the API
  ];
}

/** Plays the steps against a fresh mock and writes what crossed the wire as HAR entries, as devtools would. */
async function record(steps: readonly Step[], data?: MockData): Promise<HarEntry[]> {
  const mock = await serveMock(undefined, data ? { mock: { data } } : {});
  const entries: HarEntry[] = [];
  const answers: unknown[] = [];
  try {
    for (const step of steps) {
      const url = `${mock.origin}${typeof step.path === 'string' ? step.path : step.path(answers)}`;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (step.key !== null) headers.authorization = `Bearer ${step.key}`;
      const body = step.body === undefined ? undefined : JSON.stringify(step.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url, { method: step.method, headers, body });
      const text = await response.text();
      answers.push(parseJson(text));
      entries.push({
        startedDateTime: new Date().toISOString(),
        time: 1,
        request: {
          method: step.method,
          url,
          httpVersion: 'HTTP/1.1',
          headers: harHeaders(Object.entries(headers)),
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: body === undefined ? 0 : Buffer.byteLength(body),
          ...(body === undefined ? {} : { postData: { mimeType: 'application/json', text: body } }),
        },
        response: {
          status: response.status,
          statusText: response.statusText,
          httpVersion: 'HTTP/1.1',
          headers: harHeaders([...response.headers.entries()]),
          cookies: [],
          content: { size: Buffer.byteLength(text), mimeType: response.headers.get('content-type') ?? '', text },
          redirectURL: '',
          headersSize: -1,
          bodySize: Buffer.byteLength(text),
        },
        cache: {},
        timings: { send: 0, wait: 1, receive: 0 },
      });
    }
  } finally {
    await mock.close();
  }
  return entries;
}

const harHeaders = (pairs: Array<[string, string]>): HarHeader[] => pairs.map(([name, value]) => ({ name, value }));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const directory = mkdtempSync(join(tmpdir(), 'flowyte-replay-har-'));
let files = 0;

function writeFile(name: string, content: unknown): string {
  const path = join(directory, `${files++}-${name}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function harFile(entries: readonly HarEntry[]): string {
  return writeFile('recording.har', { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

async function replay(har: string, ...flags: string[]) {
  const reportDir = join(directory, `report-${files++}`);
  const { io, out, err } = captureIo();
  const exitCode = await main(['replay', '--har', har, '--report-dir', reportDir, ...flags], io);
  const report = exitCode === 2 ? undefined : (JSON.parse(readFileSync(join(reportDir, 'fidelity.json'), 'utf8')) as FidelityReport);
  const markdown = exitCode === 2 ? '' : readFileSync(join(reportDir, 'fidelity.md'), 'utf8');
  return { exitCode, out: out.join(''), err: err.join(''), report, markdown };
}

/** The entries with one answer's JSON body changed by `edit`. */
function withAnswer(entries: readonly HarEntry[], index: number, edit: (body: any) => unknown, status?: number): HarEntry[] {
  return entries.map((entry, i) => {
    if (i !== index) return entry;
    const text = JSON.stringify(edit(JSON.parse(entry.response.content.text!)));
    return { ...entry, response: { ...entry.response, status: status ?? entry.response.status, content: { ...entry.response.content, text } } };
  });
}

/** The entries as `proxy --record` writes them: keys by fingerprint, credential values redacted. */
function redacted(entries: readonly HarEntry[]): HarEntry[] {
  return entries.map((entry) => {
    const headers = entry.request.headers.map((header) =>
      header.name === 'authorization' ? { name: header.name, value: `${REDACTED_KEY_PREFIX}${keyFingerprint(header.value.slice('Bearer '.length))}` } : header,
    );
    const body = entry.request.postData?.text === undefined ? undefined : JSON.parse(entry.request.postData.text);
    if (body?.credentials) {
      for (const field of Object.keys(body.credentials)) if (field !== 'port' && field !== 'sslmode') body.credentials[field] = REDACTED_VALUE;
    }
    const postData = body === undefined ? {} : { postData: { mimeType: 'application/json', text: JSON.stringify(body) } };
    return { ...entry, request: { ...entry.request, headers, ...postData } };
  });
}

describe('replay --har', () => {
  let recording: HarEntry[];

  beforeAll(async () => {
    recording = await record(session(KEYS.acmeAdmin, 'agt_acme_demo'));
    expect(recording.map((entry) => entry.response.status)).toEqual([200, 404, 200, 200, 200, 200, 200, 200, 401, 404]);
  });

  it('should find every exchange of a recording of the mock the same when replayed against a fresh mock', async () => {
    const { exitCode, out, report, markdown } = await replay(harFile(recording));
    expect(exitCode).toBe(0);
    expect(report?.totals).toEqual({ exchanges: 9, same: 9, differs: 0, notReplayed: 0, outsideApi: 1 });
    expect(out).toContain('#1 GET /api/v1/integrations/catalog: same (200)');
    // A query's parameters are named, never their values.
    expect(out).toContain('#7 GET /api/v1/integrations/postgres/objects?limit=…&cursor=…: same (200)');
    expect(out).toContain('9 exchanges: 9 same, 0 differ, 0 not replayed (1 entry outside the API skipped)');
    expect(markdown).toContain('**Every replayed exchange answers as recorded**');
    expect(report?.exchanges[2]).toMatchObject({ operationId: 'connectIntegration', key: { fingerprint: keyFingerprint(KEYS.acmeAdmin), sentAs: 'acme_admin' } });
  });

  it('should name the exchange and the member where a recorded answer differs in shape or status', async () => {
    let edited = withAnswer(recording, 0, (body) => ({ ...body, data: body.data.map(({ hasPack: _, ...item }: any) => item) }));
    edited = withAnswer(edited, 2, (body) => ({ ...body, data: { status: 1 } }));
    edited = withAnswer(edited, 8, (body) => body, 403);
    const { exitCode, out, report, markdown } = await replay(harFile(edited));
    expect(exitCode).toBe(1);
    expect(report?.totals).toMatchObject({ exchanges: 9, same: 6, differs: 3 });
    expect(out).toContain('#1 GET /api/v1/integrations/catalog: differs\n    member data[].hasPack only in the replay');
    expect(out).toContain('#3 POST /api/v1/integrations/shopify/connect: differs\n    data.status: number recorded, string replayed');
    expect(out).toContain('#9 GET /api/v1/integrations: differs\n    status 403 recorded, 401 replayed');
    expect(report?.exchanges[0]?.differences).toEqual([{ kind: 'member', path: 'data[].hasPack', only: 'replayed' }]);
    expect(markdown).toContain('**3 of 9 exchanges differ**');
    expect(markdown).toContain('### #3 POST `/api/v1/integrations/shopify/connect` (connectIntegration)\n\n- `data.status`: number recorded, string replayed');
    expect(markdown).toContain('- member `data[].hasPack` only in the replay');
  });

  it('should map keys redacted by the proxy by their fingerprint, and fill redacted credentials with valid ones', async () => {
    const { exitCode, out, report } = await replay(harFile(redacted(recording)));
    expect(exitCode).toBe(0);
    expect(report?.totals).toMatchObject({ same: 9, differs: 0 });
    expect(report?.exchanges[3]?.filledCredentials).toEqual(['host', 'database', 'user', 'password']);
    // Neither the key nor a credential reaches the terminal or the report.
    for (const secret of [KEYS.acmeAdmin, SHOPIFY_KEY, POSTGRES_CREDENTIALS.password]) expect(out + JSON.stringify(report)).not.toContain(secret);
  });

  it('should follow the target\'s own cursors where the recording followed its server\'s', async () => {
    const cursor = (recording[5]!.response.content.text!.match(/"nextCursor":"([^"]+)"/) ?? [])[1]!;
    const foreign = recording.map((entry) => JSON.parse(JSON.stringify(entry).replaceAll(cursor, 'c3RhZ2luZy1jdXJzb3I')) as HarEntry);
    const { exitCode, report } = await replay(harFile(foreign));
    expect(exitCode).toBe(0);
    expect(report?.exchanges[6]).toMatchObject({ recordedStatus: 200, replayedStatus: 200, outcome: 'same' });
  });

  it('should stop at the first SIGINT and write the reports of what was done', async () => {
    const reportDir = join(directory, `report-${files++}`);
    const { io, out } = captureIo();
    let stop: (signal: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const exitCode = await main(['replay', '--har', harFile(recording), '--report-dir', reportDir], {
      ...io,
      stopSignal,
      stdout: (text: string) => {
        io.stdout(text);
        if (text.startsWith('#2 ')) stop('SIGINT');
      },
    });
    expect(exitCode).toBe(130);
    const report = JSON.parse(readFileSync(join(reportDir, 'fidelity.json'), 'utf8')) as FidelityReport;
    expect(report.interrupted).toBe(true);
    expect(report.totals.exchanges).toBeGreaterThanOrEqual(2);
    expect(report.totals.exchanges).toBeLessThan(9);
    expect(out.join('')).toContain(`interrupted after ${report.totals.exchanges} exchanges`);
  });

  describe('a recording of another server, with its own key and agent', () => {
    const STAGING_KEY = 'flowyte_sk_live_staging_acme_7f3e';
    const staging: MockData = {
      orgs: [{ id: 'acme', name: 'Acme on staging' }],
      agents: [{ id: 'agt_staging_front_desk', org: 'acme' }],
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

    it('should report an exchange whose key has no mapping as not replayed, and go on', async () => {
      const fingerprint = keyFingerprint(STAGING_KEY);
      const { exitCode, out, report } = await replay(harFile(stagingRecording));
      expect(exitCode).toBe(0);
      expect(report?.totals).toMatchObject({ exchanges: 9, same: 1, differs: 0, notReplayed: 8 });
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
      [['--har', 'x.har', 'report.json'], /USAGE: replay --har FILE takes no <report.json> <failure-id>/],
    ])('should refuse %j in one line', async (args, message) => {
      const { io, err } = captureIo();
      expect(await main(['replay', ...args], io)).toBe(2);
      expect(err.join('')).toMatch(message);
    });

    it('should refuse a HAR with no request to the API', async () => {
      const { exitCode, err } = await replay(harFile(recording.slice(9)));
      expect(exitCode).toBe(2);
      expect(err).toMatch(/HAR_INVALID: .*none of its 1 entries is a request to the API under \/api\/v1/);
    });

    it('should say a --target nothing listens on is unreachable', async () => {
      const { exitCode, err } = await replay(harFile(recording), '--target', 'http://127.0.0.1:9/api/v1');
      expect(exitCode).toBe(2);
      expect(err).toMatch(/^flowyte-contract: TARGET_UNREACHABLE: GET http:\/\/127\.0\.0\.1:9\/api\/v1\/integrations\/catalog failed: refused/);
    });
  });
});
