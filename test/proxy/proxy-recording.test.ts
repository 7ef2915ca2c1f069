import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, type Har, type HarEntry } from '../../src/traffic/har.js';
import { ADMIN_KEY, auth, json, proxyTo, type TestProxy } from './proxy-fixture.js';

const PASSWORD = 'pg-secret-Zq81-proxy';
const CONNECT = { host: 'db.internal.example.com', port: '5432', database: 'appdb', user: 'bob', password: PASSWORD, sslmode: 'verify-full' };
const CAP = 1024;

/**
 * A careless target: it echoes the password it was sent in a header and a body, sets a session cookie, serves
 * binary bytes and a body over the proxy's cap.
 */
function carelessTarget(): Server {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url!.split('?')[0]!;
      if (path.endsWith('/connect')) {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['sid=s3cr3t-session; Path=/; HttpOnly', 'theme=dark'], 'x-debug': `password=${PASSWORD}` });
        return void res.end(JSON.stringify({ success: true, data: { status: 'connected', echoed: PASSWORD } }));
      }
      if (path.endsWith('/objects')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void res.end(Buffer.from([0xff, 0x00, 0xfe, 0x01]));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: [], padding: 'é'.repeat(CAP) }));
    });
  });
}

describe('proxy --record', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'flowyte-record-')), 'session.har');
  let server: Server;
  let proxy: TestProxy;
  let har: Har;
  let text: string;
  const entry = (suffix: string) => har.log.entries.find((recorded) => new URL(recorded.request.url).pathname.endsWith(suffix)) as HarEntry;

  beforeAll(async () => {
    server = carelessTarget();
    await once(server.listen(0, '127.0.0.1'), 'listening');
    proxy = await proxyTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, { recordPath: path, maxBodyBytes: CAP });
    const send = (suffix: string, init: RequestInit = {}) => fetch(proxy.baseUrl + suffix, { headers: auth, ...init }).then((response) => response.arrayBuffer());
    await send('/integrations/postgres/connect', { method: 'POST', headers: { ...json, cookie: 'session=abc123-cookie; theme=dark' }, body: JSON.stringify({ credentials: CONNECT }) });
    await send('/integrations/postgres/objects?limit=2');
    await send('/integrations');
    await proxy.close();
    text = readFileSync(path, 'utf8');
    har = JSON.parse(text) as Har;
  });
  afterAll(() => server.close());

  it('should record every exchange, in order, as the client asked for it', () => {
    expect(har.log.entries.map((recorded) => `${recorded.request.method} ${new URL(recorded.request.url).pathname}`)).toEqual([
      'POST /api/v1/integrations/postgres/connect',
      'GET /api/v1/integrations/postgres/objects',
      'GET /api/v1/integrations',
    ]);
    expect(entry('/objects').request.queryString).toEqual([{ name: 'limit', value: '2' }]);
    expect(har.log.creator.name).toBe('flowyte-contract proxy');
  });

  it('should record the key as its fingerprint, never in clear', () => {
    expect(text).not.toContain(ADMIN_KEY);
    expect(entry('/connect').request.headers).toContainEqual({ name: 'authorization', value: `Bearer flowyte-redacted:${keyFingerprint(ADMIN_KEY)}` });
  });

  it('should redact every credential field but sslmode and port, even a short one', () => {
    const sent = JSON.parse(entry('/connect').request.postData!.text!);
    expect(sent.credentials).toEqual({ host: '[REDACTED]', port: '5432', database: '[REDACTED]', user: '[REDACTED]', password: '[REDACTED]', sslmode: 'verify-full' });
  });

  it('should replace a submitted secret wherever the answer echoes it', () => {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(CONNECT.host);
    expect(JSON.parse(entry('/connect').response.content.text!).data.echoed).toBe('[REDACTED]');
    expect(entry('/connect').response.headers).toContainEqual({ name: 'x-debug', value: 'password=[REDACTED]' });
  });

  it('should hide cookie values, keeping their names and attributes', () => {
    expect(text).not.toContain('abc123-cookie');
    expect(text).not.toContain('s3cr3t-session');
    expect(entry('/connect').request.headers).toContainEqual({ name: 'cookie', value: 'session=[REDACTED]; theme=[REDACTED]' });
    expect(entry('/connect').response.headers.filter((header) => header.name === 'set-cookie').map((header) => header.value)).toEqual(['sid=[REDACTED]; Path=/; HttpOnly', 'theme=[REDACTED]']);
  });

  it('should record a binary body as base64', () => {
    expect(entry('/objects').response.content).toMatchObject({ mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.from([0xff, 0x00, 0xfe, 0x01]).toString('base64'), size: 4 });
  });

  it('should record a body over the cap as its first cap bytes, saying it was cut', () => {
    const { content } = entry('/integrations').response;
    expect(content.size).toBeGreaterThan(CAP);
    expect(Buffer.byteLength(content.text!)).toBeLessThanOrEqual(CAP);
    expect(content.text!.startsWith('{"success":true,"data":[],"padding":"éé')).toBe(true);
    expect(content.comment).toMatch(/^cut: the body was \d+ bytes; its first 1024 bytes are recorded, and it was not validated$/);
  });
});
