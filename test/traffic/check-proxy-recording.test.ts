import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Har } from '../../src/traffic/har.js';
import { json, proxyTo } from '../proxy/proxy-fixture.js';
import { checkHarFile } from './check-run.js';

const API_KEY = 'shpat_echoed_by_a_careless_target_42';

/**
 * A target that echoes the apiKey it is sent (in its connect answer, and in a plain-text 500 for the list) and refuses
 * an invalid connect: what the proxy flags as it passes, and what its recording, redacted, must not lose.
 */
function carelessTarget() {
  return createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = req.url!.split('?')[0]!;
      if (path.endsWith('/shopify/connect')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ success: true, data: { kind: 'shopify', status: 'connected', apiKey: JSON.parse(body).credentials.apiKey } }));
      }
      if (path.endsWith('/postgres/connect')) {
        res.writeHead(400, { 'content-type': 'application/problem+json' });
        return void res.end(JSON.stringify({ type: 'about:blank', title: 'Bad request', status: 400 }));
      }
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`boom: the last key was ${API_KEY}`);
    });
  });
}

describe('check --har on a recording of the proxy, whose redaction hides what the proxy saw', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'flowyte-recorded-verdict-')), 'session.har');
  const target = carelessTarget();
  let checked: Awaited<ReturnType<typeof checkHarFile>>;
  beforeAll(async () => {
    await once(target.listen(0, '127.0.0.1'), 'listening');
    const proxy = await proxyTo(`http://127.0.0.1:${(target.address() as AddressInfo).port}/api/v1`, { recordPath: path });
    try {
      await (await fetch(`${proxy.baseUrl}/integrations/shopify/connect`, { method: 'POST', headers: json, body: JSON.stringify({ credentials: { apiKey: API_KEY } }) })).text();
      // Invalid: port must be an integer, and the password is there to be redacted.
      await (await fetch(`${proxy.baseUrl}/integrations/postgres/connect`, { method: 'POST', headers: json, body: JSON.stringify({ credentials: { host: 'db.example.com', port: 'five', database: 'appdb', user: 'reader', password: 'pw-never-recorded-77' } }) })).text();
      await (await fetch(`${proxy.baseUrl}/integrations`, { headers: json })).text();
    } finally {
      await proxy.close();
      target.closeAllConnections();
      await new Promise((resolve) => target.close(resolve));
    }
    checked = await checkHarFile(path);
  });
  afterAll(() => target.close());

  it('should hold no credential, the proxy’s own verdict on the entries whose evidence it redacted instead', () => {
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('pw-never-recorded-77');
    const entries = (JSON.parse(text) as Har).log.entries;
    expect(entries[0]!._flowyteViolations?.map((violation) => violation.check)).toEqual(['secret_non_disclosure']);
    expect(entries[1]!._flowyteViolations?.map((violation) => violation.check)).toContain('request_schema');
  });

  it('should report the leaks the proxy saw, though the recording has the values redacted', () => {
    expect(checked.exitCode, checked.out).toBe(1);
    const leaks = checked.report!.failures.filter((failure) => failure.check === 'secret_non_disclosure');
    expect(leaks.map((failure) => failure.operationId).sort()).toEqual(['connectIntegration', 'listIntegrations']);
    expect(leaks[0]!.message).toContain('as the proxy that recorded it saw');
  });

  it('should judge a whole body whole after its redaction (a redacted plain-text 500 is still no problem+json)', () => {
    expect(checked.report!.source.bodiesNotRecorded).toBe(0);
    expect(checked.report!.failures.map((failure) => `${failure.check} ${failure.operationId}`)).toContain('problem_json listIntegrations');
  });

  it('should count a redacted invalid request the target refused, by the verdict the proxy recorded, and exercise negative_data_rejection', () => {
    expect(checked.report!.source.invalidRequestsRefused).toBe(1);
    expect(checked.report!.checks.find((check) => check.id === 'negative_data_rejection')?.status).toBe('passed');
  });
});
