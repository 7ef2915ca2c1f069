import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Har, HarEntry } from '../../src/traffic/har.js';
import { exchangeOf, readHar } from '../../src/traffic/har-reader.js';
import { TrafficValidator } from '../../src/traffic/traffic-validator.js';
import { serveMock, type ServedMock } from '../support/served-mock.js';
import { auth, json, packagedContract, proxyTo, violationsOf, type TestProxy } from './proxy-fixture.js';

const harFile = () => join(mkdtempSync(join(tmpdir(), 'flowyte-redaction-')), 'session.har');

/**
 * A careless target: whatever a connect sends, it answers 200 with the request body (decoded when gzip) echoed in its
 * answer and in a header; an answer that cannot be told apart from a leak by its shape.
 */
async function echoingTarget(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void = echo): Promise<{ baseUrl: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body = raw.toString('utf8');
      if (req.headers['content-encoding'] === 'gzip') {
        try {
          body = gunzipSync(raw).toString('utf8');
        } catch {
          // Not gzip after all: echoed as it came.
        }
      }
      answer(req, res, body);
    });
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, server };
}

function echo(_: IncomingMessage, res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-echo': body.replace(/[^\x20-\x7e]/g, '?').slice(0, 2000) });
  res.end(JSON.stringify({ success: true, data: { status: 'connected', echo: body } }));
}

/** Every body of the recording as the bytes it stands for (a base64 one decoded, a gzip one inflated). */
function recordedBytes(har: Har): string {
  const bodies = har.log.entries.flatMap((entry) => [entry.request.postData, entry.response.content]);
  return bodies
    .map((body) => {
      if (!body?.text) return '';
      if (body.encoding !== 'base64') return body.text;
      const bytes = Buffer.from(body.text, 'base64');
      try {
        return gunzipSync(bytes).toString('latin1');
      } catch {
        return bytes.toString('latin1');
      }
    })
    .join('\n');
}

describe('what a recording hides of a careless target', () => {
  const REFUSED_KEY = 'shpat_refused_echo_7781';
  const SHORT_PASSWORD = 'pw42x';
  const GZIPPED_KEY = 'shpat_gzipped_secret_55';
  const OCTET_KEY = 'shpat_octet_stream_secret_09';
  const GARBLED_KEY = 'shpat_not_really_gzip_31';
  const path = harFile();
  let target: Awaited<ReturnType<typeof echoingTarget>>;
  let proxy: TestProxy;
  let har: Har;
  let text: string;
  const entry = (index: number) => har.log.entries[index] as HarEntry;

  beforeAll(async () => {
    target = await echoingTarget();
    proxy = await proxyTo(target.baseUrl, { recordPath: path });
    const connect = (kind: string, body: BodyInit, headers: Record<string, string> = json) =>
      fetch(`${proxy.baseUrl}/integrations/${kind}/connect`, { method: 'POST', headers, body }).then((response) => response.text());
    // 0: refused by the contract (a credential that is not a string), forwarded all the same without --errors.
    await connect('shopify', JSON.stringify({ credentials: { apiKey: REFUSED_KEY, region: 99 } }));
    // 1: a postgres descriptor with a short password and a port that is no port; `bob` is too short to hide.
    await connect('postgres', JSON.stringify({ credentials: { host: 'db.example.com', port: 'x', database: 'appdb', user: 'bob', password: SHORT_PASSWORD, sslmode: 'require' } }));
    // 2: gzip-encoded.
    await connect('shopify', new Uint8Array(gzipSync(JSON.stringify({ credentials: { apiKey: GZIPPED_KEY } }))), { ...json, 'content-encoding': 'gzip' });
    // 3: JSON under a content type that is not textual.
    await connect('shopify', JSON.stringify({ credentials: { apiKey: OCTET_KEY } }), { ...auth, 'content-type': 'application/octet-stream' });
    // 4: announced as gzip, but not: its credentials cannot be found, so it must not be recorded.
    await connect('shopify', `not gzip {"credentials":{"apiKey":"${GARBLED_KEY}"}}`, { ...json, 'content-encoding': 'gzip' });
    await proxy.close();
    text = readFileSync(path, 'utf8');
    har = JSON.parse(text) as Har;
  });
  afterAll(() => target.server.close());

  it('should hide the credentials of a request the contract refuses, wherever the answer echoes them', () => {
    expect(proxy.violationLines().some((line) => line.includes('request_schema'))).toBe(true);
    for (const secret of [REFUSED_KEY, SHORT_PASSWORD]) {
      expect(text).not.toContain(secret);
      expect(proxy.log()).not.toContain(secret);
    }
    expect(JSON.parse(entry(0).response.content.text!).data.echo).toContain('[REDACTED]');
    expect(entry(0).response.headers.find((header) => header.name === 'x-echo')!.value).toContain('[REDACTED]');
  });

  it('should leave values of three characters or fewer alone, so that recordings stay readable', () => {
    // `bob` is everywhere in text: hiding it would garble the answer, while the request's own field is redacted.
    expect(JSON.parse(entry(1).request.postData!.text!).credentials.user).toBe('[REDACTED]');
    expect(JSON.parse(entry(1).response.content.text!).data.echo).toContain('"bob"');
  });

  it('should redact a gzip-encoded request body, recorded decoded', () => {
    const { postData } = entry(2).request;
    expect(postData?.encoding).toBeUndefined();
    expect(JSON.parse(postData!.text!)).toEqual({ credentials: { apiKey: '[REDACTED]' } });
    expect(entry(2).comment).toContain('recorded decoded');
  });

  it('should redact a JSON request body whatever its content type says', () => {
    expect(JSON.parse(entry(3).request.postData!.text!)).toEqual({ credentials: { apiKey: '[REDACTED]' } });
  });

  it('should record no text of a body it cannot redact for certain, and say why', () => {
    expect(entry(4).request.postData).toBeUndefined();
    expect(entry(4).request.bodySize).toBeGreaterThan(0);
    expect(entry(4).comment).toMatch(/the request body \(\d+ bytes\) is not recorded: content-encoding gzip could not be decoded, so its credentials could not be redacted/);
  });

  it('should keep every one of them out of the file, in any encoding', () => {
    const bytes = recordedBytes(har);
    for (const secret of [REFUSED_KEY, SHORT_PASSWORD, GZIPPED_KEY, OCTET_KEY, GARBLED_KEY]) {
      expect(text).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });
});

describe('the verdict of an answer that quotes a secret', () => {
  const KEY = 'shpat_quoted_back_4410';
  /** A 400 whose problem gives the submitted key as its status: problem_json quotes that status in its message. */
  const quoting = (_: IncomingMessage, res: ServerResponse, body: string) => {
    const apiKey = (JSON.parse(body) as { credentials: { apiKey: string } }).credentials.apiKey;
    res.writeHead(400, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Bad request', status: apiKey }));
  };
  const send = (proxy: TestProxy) => fetch(`${proxy.baseUrl}/integrations/shopify/connect`, { method: 'POST', headers: json, body: JSON.stringify({ credentials: { apiKey: KEY } }) });

  it('should scrub x-flowyte-violations and the log as it scrubs the recording', async () => {
    const target = await echoingTarget(quoting);
    const proxy = await proxyTo(target.baseUrl);
    try {
      const response = await send(proxy);
      await response.text();
      const violations = violationsOf(response);
      expect(violations.map((violation) => violation.check)).toContain('problem_json');
      expect(violations.find((violation) => violation.check === 'problem_json')!.message).toContain('[REDACTED]');
      expect(response.headers.get('x-flowyte-violations')).not.toContain(KEY);
      expect(proxy.log()).not.toContain(KEY);
    } finally {
      await proxy.close();
      target.server.close();
    }
  });

  it('should scrub the 502 that --errors answers instead', async () => {
    const target = await echoingTarget(quoting);
    const proxy = await proxyTo(target.baseUrl, { errors: true });
    try {
      const response = await send(proxy);
      expect(response.status).toBe(502);
      const body = await response.text();
      expect(JSON.parse(body).violations.length).toBeGreaterThan(0);
      expect(body).not.toContain(KEY);
      expect(response.headers.get('x-flowyte-violations')).not.toContain(KEY);
    } finally {
      await proxy.close();
      target.server.close();
    }
  });
});

describe('a recording of identifiers in URLs', () => {
  const PASSWORD = 'pg-secret-Url-8812';
  const path = harFile();
  let mock: ServedMock;
  let har: Har;

  beforeAll(async () => {
    mock = await serveMock();
    const proxy = await proxyTo(mock.baseUrl, { recordPath: path });
    const credentials = { host: 'db.example.com', port: '5432', database: 'analytics_db', user: 'readonly_user', password: PASSWORD, sslmode: 'require' };
    await (await fetch(`${proxy.baseUrl}/integrations/postgres/sql/test`, { method: 'POST', headers: json, body: JSON.stringify({ credentials }) })).text();
    await (await fetch(`${proxy.baseUrl}/integrations/postgres/sql/scripts?database=analytics_db`, { headers: auth })).text();
    // A password has no business in a URL; if one is there, it goes.
    await (await fetch(`${proxy.baseUrl}/integrations/catalog?note=${encodeURIComponent(PASSWORD)}`, { headers: auth })).text();
    await proxy.close();
    har = JSON.parse(readFileSync(path, 'utf8')) as Har;
  });
  afterAll(() => mock.close());

  it('should keep a database name the URL asks for, and hide a password in one', () => {
    const urls = har.log.entries.map((entry) => entry.request.url);
    expect(urls[1]).toMatch(/\/sql\/scripts\?database=analytics_db$/);
    expect(urls[2]).toMatch(/\/catalog\?note=%5BREDACTED%5D$|\/catalog\?note=\[REDACTED\]$/);
    expect(JSON.stringify(har)).not.toContain(PASSWORD);
  });

  it('should leave the recording of a conformant server conformant', async () => {
    const validator = new TrafficValidator(await packagedContract());
    const recorded = readHar(path);
    const scripts = exchangeOf(recorded.log.entries[1]!, 1, path);
    const verdict = validator.checkRequest(scripts.request);
    expect(verdict.violations).toEqual([]);
    expect(validator.checkResponse(verdict.operationId!, scripts.request, scripts.response!, [])).toEqual([]);
  });
});
