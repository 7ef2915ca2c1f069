import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, REDACTED_KEY_PREFIX, REDACTED_VALUE, type Har, type HarEntry } from '../../src/traffic/har.js';
import { STEPS, type RecordedExchange } from './har-session.js';

const header = ([name, value]: readonly [string, string]) => ({ name, value });
const mimeOf = (exchange: RecordedExchange) => exchange.responseHeaders.find(([name]) => name === 'content-type')?.[1] ?? 'x-unknown';
const timings = { blocked: 0.4, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 2.1, receive: 0.3 };
const STARTED = '2026-11-30T10:00:00.000Z';

/**
 * As Chrome's devtools export it: HTTP/2 pseudo-headers, lower-case names, `_`-prefixed extras, and no
 * `content.text` for the answers listed in `omitBodyOf` (as Chrome does for some entries).
 */
export function chromeHar(exchanges: readonly RecordedExchange[], { omitBodyOf = [STEPS.list] as number[] } = {}) {
  const entry = (exchange: RecordedExchange, index: number) => {
    const url = new URL(exchange.url);
    const pseudo: Array<[string, string]> = [[':authority', url.host], [':method', exchange.method], [':path', url.pathname + url.search], [':scheme', url.protocol.slice(0, -1)]];
    const sent: Array<[string, string]> = [['accept', '*/*'], ['accept-encoding', 'gzip, deflate, br, zstd'], ['user-agent', 'Mozilla/5.0 Chrome/131.0.0.0'], ['cookie', 'session=browser-session-cookie-1234'], ...Object.entries(exchange.requestHeaders)];
    return {
      _initiator: { type: 'script' },
      _priority: 'High',
      _resourceType: 'fetch',
      cache: {},
      connection: '3321',
      pageref: 'page_1',
      request: {
        method: exchange.method,
        url: exchange.url,
        httpVersion: 'http/2.0',
        headers: [...pseudo, ...sent].map(header),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: exchange.requestBody ? Buffer.byteLength(exchange.requestBody) : 0,
        ...(exchange.requestBody ? { postData: { mimeType: 'application/json', text: exchange.requestBody } } : {}),
      },
      response: {
        status: exchange.status,
        statusText: '',
        httpVersion: 'http/2.0',
        headers: exchange.responseHeaders.map(header),
        cookies: [],
        content: { size: Buffer.byteLength(exchange.responseBody), mimeType: mimeOf(exchange), ...(omitBodyOf.includes(index) ? {} : { text: exchange.responseBody }) },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
        _transferSize: 512,
        _error: null,
      },
      serverIPAddress: '127.0.0.1',
      startedDateTime: STARTED,
      time: 2.9,
      timings,
    };
  };
  const blocked = {
    ...entry({ method: 'GET', url: exchanges[STEPS.catalog]!.url, requestHeaders: {}, status: 0, statusText: '', responseHeaders: [], responseBody: '' }, -1),
    response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1, _transferSize: 0, _error: 'net::ERR_BLOCKED_BY_CLIENT' },
  };
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ startedDateTime: STARTED, id: 'page_1', title: 'http://app.test/', pageTimings: {} }], entries: [...exchanges.map(entry), blocked] } };
}

/** As Firefox's devtools save it: header names as sent (`Host`, `Authorization`), HTTP/1.1, postData with params. */
export function firefoxHar(exchanges: readonly RecordedExchange[]) {
  const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
  const entry = (exchange: RecordedExchange) => ({
    pageref: 'page_1',
    startedDateTime: STARTED,
    request: {
      bodySize: exchange.requestBody ? Buffer.byteLength(exchange.requestBody) : 0,
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'HTTP/1.1',
      headers: [['Host', new URL(exchange.url).host] as const, ['User-Agent', 'Mozilla/5.0 Firefox/133.0'] as const, ...Object.entries(exchange.requestHeaders).map(([name, value]) => [titleCase(name), value] as const)].map(header),
      cookies: [],
      queryString: [],
      headersSize: 420,
      ...(exchange.requestBody ? { postData: { mimeType: 'application/json', params: [], text: exchange.requestBody } } : {}),
    },
    response: {
      status: exchange.status,
      statusText: exchange.statusText,
      httpVersion: 'HTTP/1.1',
      headers: exchange.responseHeaders.map(header),
      cookies: [],
      content: { mimeType: mimeOf(exchange), size: Buffer.byteLength(exchange.responseBody), text: exchange.responseBody },
      redirectURL: '',
      headersSize: 310,
      bodySize: Buffer.byteLength(exchange.responseBody),
    },
    cache: {},
    timings,
    time: 3,
    _securityState: 'insecure',
    serverIPAddress: '127.0.0.1',
    connection: '80',
  });
  const blocked = { ...entry({ ...exchanges[STEPS.catalog]!, responseHeaders: [], responseBody: '' }), response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { mimeType: '', size: 0 }, redirectURL: '', headersSize: -1, bodySize: -1 } };
  return { log: { version: '1.2', creator: { name: 'Firefox', version: '133.0' }, browser: { name: 'Firefox', version: '133.0' }, pages: [], entries: [...exchanges.map(entry), blocked] } };
}

/** As Playwright's `recordHar` writes it with content: 'embed': bodies base64 (`encoding: 'base64'`), a failed request with status -1. */
export function playwrightHar(exchanges: readonly RecordedExchange[]) {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const entry = (exchange: RecordedExchange) => ({
    startedDateTime: STARTED,
    time: 4,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(exchange.requestHeaders).map(header),
      queryString: [],
      headersSize: -1,
      bodySize: exchange.requestBody ? Buffer.byteLength(exchange.requestBody) : 0,
      ...(exchange.requestBody ? { postData: { mimeType: 'application/json', text: base64(exchange.requestBody), encoding: 'base64', params: [] } } : {}),
    },
    response: {
      status: exchange.status,
      statusText: exchange.statusText,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: exchange.responseHeaders.map(header),
      content: { size: Buffer.byteLength(exchange.responseBody), mimeType: mimeOf(exchange), text: base64(exchange.responseBody), encoding: 'base64' },
      headersSize: -1,
      bodySize: Buffer.byteLength(exchange.responseBody),
      redirectURL: '',
      _transferSize: -1,
    },
    cache: {},
    timings,
    pageref: 'page@1',
    serverIPAddress: '127.0.0.1',
    _serverPort: 80,
  });
  const failed = { ...entry({ ...exchanges[STEPS.catalog]!, responseHeaders: [], responseBody: '' }), response: { status: -1, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: -1, mimeType: 'x-unknown' }, headersSize: -1, bodySize: -1, redirectURL: '', _transferSize: -1, _failureText: 'net::ERR_ABORTED' } };
  return { log: { version: '1.2', creator: { name: 'Playwright', version: '1.64.1' }, browser: { name: 'chromium', version: '131.0' }, pages: [], entries: [...exchanges.map(entry), failed] } };
}

/**
 * As `flowyte-contract proxy --record` writes it (the HAR 1.2 types of src/traffic/har.ts): the key replaced by its
 * fingerprint, every credential but `port` and `sslmode` by REDACTED_VALUE, and the answers listed in `cutBodyOf`
 * cut at a cap (their first bytes, the whole size in `content.size`).
 */
export function proxyHar(exchanges: readonly RecordedExchange[], { cutBodyOf = [STEPS.list] as number[] } = {}): Har {
  const redactedHeader = ([name, value]: readonly [string, string]) => ({ name, value: name === 'authorization' ? `${REDACTED_KEY_PREFIX}${keyFingerprint(value.slice('Bearer '.length))}` : value });
  const redactedBody = (text: string) => {
    const body = JSON.parse(text);
    const credentials = Object.fromEntries(Object.entries(body.credentials ?? {}).map(([field, value]) => [field, field === 'port' || field === 'sslmode' ? value : REDACTED_VALUE]));
    return JSON.stringify({ ...body, credentials });
  };
  const entry = (exchange: RecordedExchange, index: number): HarEntry => {
    const url = new URL(exchange.url);
    const cut = cutBodyOf.includes(index);
    const size = Buffer.byteLength(exchange.responseBody);
    return {
      startedDateTime: STARTED,
      time: 2,
      request: {
        method: exchange.method,
        url: exchange.url,
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(exchange.requestHeaders).map(redactedHeader),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: exchange.requestBody ? Buffer.byteLength(exchange.requestBody) : 0,
        ...(exchange.requestBody ? { postData: { mimeType: 'application/json', text: redactedBody(exchange.requestBody) } } : {}),
      },
      response: {
        status: exchange.status,
        statusText: exchange.statusText,
        httpVersion: 'HTTP/1.1',
        headers: exchange.responseHeaders.map(header),
        cookies: [],
        content: { size, mimeType: mimeOf(exchange), ...(size ? { text: cut ? exchange.responseBody.slice(0, 40) : exchange.responseBody } : {}), ...(cut ? { comment: `cut: its first 40 bytes are recorded` } : {}) },
        redirectURL: '',
        headersSize: -1,
        bodySize: size,
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 1 },
    };
  };
  return { log: { version: '1.2', creator: { name: 'flowyte-contract', version: '0.1.0' }, entries: exchanges.map(entry) } };
}

/** Writes a HAR (an object, or raw text for the malformed ones) to a file of its own. */
export function writeHar(har: unknown, name = 'recording.har'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flowyte-har-')), name);
  writeFileSync(path, typeof har === 'string' ? har : JSON.stringify(har, null, 2));
  return path;
}

/** A deep copy of the HAR with one entry changed, as a hand edit of the file would. */
export function withEntry<T extends { log: { entries: readonly unknown[] } }>(har: T, index: number, edit: (entry: any) => void): T {
  const copy = structuredClone(har);
  edit(copy.log.entries[index]);
  return copy;
}
