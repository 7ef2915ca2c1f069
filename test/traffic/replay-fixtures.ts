import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { MockData } from '../../src/mock/mock-data.js';
import type { FidelityReport } from '../../src/traffic/fidelity-report.js';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE, type HarEntry, type HarHeader } from '../../src/traffic/har.js';
import { captureIo, serveMock } from '../support/served-mock.js';
import { POSTGRES_CREDENTIALS } from '../support/test-mock.js';

/** One request of a recorded session; `path` may read the answers before it (a cursor, say). */
export interface Step {
  readonly method: string;
  readonly path: string | ((answers: readonly any[]) => string);
  /** A token, or null for none. */
  readonly key: string | null;
  readonly body?: unknown;
}

export const SHOPIFY_KEY = 'shpat_recorded_secret_0042';

/** A frontend's session against the API, as the mock answers it from its built-in data. */
export function session(key: string, agent: string): Step[] {
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
export async function record(steps: readonly Step[], data?: MockData): Promise<HarEntry[]> {
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

export function writeFile(name: string, content: unknown): string {
  const path = join(directory, `${files++}-${name}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The entries as a HAR file of their own. */
export function harFile(entries: readonly HarEntry[]): string {
  return writeFile('recording.har', { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

/** A fresh directory name for one replay's reports. */
export const reportDirectory = () => join(directory, `report-${files++}`);

/** Replays a HAR file: the exit status, what was printed, and the reports (none on exit status 2). */
export async function replay(har: string, ...flags: string[]) {
  const reportDir = reportDirectory();
  const { io, out, err } = captureIo();
  const exitCode = await main(['replay', '--har', har, '--report-dir', reportDir, ...flags], io);
  const report = exitCode === 2 ? undefined : (JSON.parse(readFileSync(join(reportDir, 'fidelity.json'), 'utf8')) as FidelityReport);
  const markdown = exitCode === 2 ? '' : readFileSync(join(reportDir, 'fidelity.md'), 'utf8');
  return { exitCode, out: out.join(''), err: err.join(''), report, markdown };
}

/** The entries with one answer's JSON body changed by `edit`. */
export function withAnswer(entries: readonly HarEntry[], index: number, edit: (body: any) => unknown, status?: number): HarEntry[] {
  return entries.map((entry, i) => {
    if (i !== index) return entry;
    const text = JSON.stringify(edit(JSON.parse(entry.response.content.text!)));
    return { ...entry, response: { ...entry.response, status: status ?? entry.response.status, content: { ...entry.response.content, text } } };
  });
}

/** The entries as `proxy --record` writes them: keys by fingerprint, credential values redacted. */
export function redacted(entries: readonly HarEntry[]): HarEntry[] {
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
