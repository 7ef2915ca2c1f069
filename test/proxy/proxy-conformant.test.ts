import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BUILT_IN_DATA } from '../../src/mock/mock-data.js';
import type { Har } from '../../src/traffic/har.js';
import { captureIo, serveMock, writeTestConfig, type ServedMock } from '../support/served-mock.js';
import { proxyTo, type TestProxy } from './proxy-fixture.js';

const temp = () => mkdtempSync(join(tmpdir(), 'flowyte-proxy-'));

describe('the proxy in front of the conformant mock', () => {
  let mock: ServedMock;
  let proxy: TestProxy;
  let served = 0;
  const harPath = join(temp(), 'session.har');
  let exitCode: number;
  let output: string;
  beforeAll(async () => {
    mock = await serveMock(undefined, { onServed: () => void served++ });
    proxy = await proxyTo(mock.baseUrl, { recordPath: harPath });
    // A short contract run through the proxy: every suite drives its traffic across it.
    const { io, out } = captureIo();
    exitCode = await main(['test', '--config', writeTestConfig(proxy.baseUrl), '--runs', '5', '--seed', '11', '--report-dir', temp()], io);
    output = out.join('');
    await proxy.close();
  }, 120_000);
  afterAll(() => mock.close());

  it('should pass the suites through it, as they pass against the mock', () => {
    expect(exitCode, output).toBe(0);
  });

  it('should log no violation of the answers', () => {
    expect(proxy.stats.exchanges).toBeGreaterThan(100);
    expect(proxy.violationLines().filter((line) => !/ request_schema (error|warning): /.test(line))).toEqual([]);
  });

  it('should flag the requests the suites send invalid on purpose, each one the mock refused with a 4xx', () => {
    const requestLines = proxy.violationLines();
    expect(requestLines.length).toBeGreaterThan(0);
    // A rule of an x-inferred operation or parameter is a warning, as in `test`.
    for (const line of requestLines) expect(line).toMatch(/^\S+ [A-Z]+ \/\S* 4\d\d request_schema (error|warning): .+ \(request(\.\w+)*/);
  });

  it('should log each exchange with its ISO time, method, path and status, and never a key', () => {
    const lines = proxy.log().trim().split('\n').filter((line) => !proxy.violationLines().includes(line));
    expect(lines.length).toBe(proxy.stats.exchanges);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (GET|POST|PUT|PATCH|DELETE) \/\S* \d{3} \d+\.\dms/);
    for (const key of BUILT_IN_DATA.keys) expect(proxy.log()).not.toContain(key.token);
    expect(proxy.log()).not.toMatch(/authorization|bearer/i);
  });

  it('should record every exchange in a HAR that parses', () => {
    const har = JSON.parse(readFileSync(harPath, 'utf8')) as Har;
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(proxy.stats.exchanges);
    // Each request the proxy forwarded reached the mock once (the suites' own probes included).
    expect(served).toBe(har.log.entries.filter((entry) => entry.response.status !== 0).length);
    const connect = har.log.entries.find((entry) => entry.request.method === 'POST' && entry.request.url.endsWith('/integrations/shopify/connect') && entry.response.status === 200);
    expect(connect?.request.postData?.text).toContain('"apiKey":"[REDACTED]"');
  });

  it('should keep every key and submitted credential out of the recording', () => {
    const text = readFileSync(harPath, 'utf8');
    for (const key of BUILT_IN_DATA.keys) expect(text).not.toContain(key.token);
    const har = JSON.parse(text) as Har;
    const authorizations = har.log.entries.flatMap((entry) => entry.request.headers.filter((header) => header.name === 'authorization'));
    expect(authorizations.length).toBeGreaterThan(0);
    for (const header of authorizations) expect(header.value).toMatch(/^Bearer flowyte-redacted:[0-9a-f]{12}$/);
    // No credential field of any request body is recorded as its value.
    for (const entry of har.log.entries) {
      const body = entry.request.postData?.text;
      if (!body || entry.request.postData?.encoding) continue;
      let parsed: { credentials?: unknown } | undefined;
      try {
        parsed = JSON.parse(body);
      } catch {
        continue;
      }
      const credentials = parsed?.credentials;
      if (typeof credentials === 'string') expect(credentials).toBe('[REDACTED]');
      else for (const [field, value] of Object.entries(credentials ?? {})) if (field !== 'sslmode' && field !== 'port') expect(value, field).toBe('[REDACTED]');
    }
  });
});
