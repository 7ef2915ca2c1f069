import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeOf, readHar } from '../../src/traffic/har-reader.js';
import type { ReadHarEntry } from '../../src/traffic/har-schema.js';
import { ToolError } from '../../src/tool-errors.js';
import { writeHar } from './har-fixtures.js';

const entry = (request: Partial<ReadHarEntry['request']>, response: Partial<ReadHarEntry['response']>): ReadHarEntry => ({
  request: { method: 'GET', url: 'https://app.example.com/api/v1/integrations?limit=2', headers: [], ...request },
  response: { status: 200, headers: [], content: { size: 2, text: '{}' }, ...response },
});
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('exchangeOf', () => {
  it('should read the path and query, lower-case header names and leave out HTTP/2 pseudo-headers', () => {
    const { request, url } = exchangeOf(
      entry({ headers: [{ name: ':authority', value: 'app.example.com' }, { name: ':path', value: '/x' }, { name: 'Authorization', value: 'Bearer k' }, { name: 'Accept', value: 'a' }, { name: 'accept', value: 'b' }] }, {}),
      0,
      'x.har',
    );
    expect(url.origin).toBe('https://app.example.com');
    expect(request).toEqual({ method: 'GET', url: '/api/v1/integrations?limit=2', headers: { authorization: 'Bearer k', accept: 'a, b' } });
  });

  it('should decode text and base64 bodies, request and response', () => {
    const base64 = (value: string) => Buffer.from(value).toString('base64');
    const { request, response } = exchangeOf(entry({ method: 'post', postData: { text: base64('{"a":1}'), encoding: 'base64' } }, { content: { size: 7, text: base64('{"ok":1}'), encoding: 'base64' } }), 0, 'x.har');
    expect([request.method, text(request.body), text(response!.body)]).toEqual(['POST', '{"a":1}', '{"ok":1}']);
    const plain = exchangeOf(entry({ postData: { text: 'é' } }, { content: { size: 2, text: 'é' } }), 0, 'x.har');
    expect([text(plain.request.body), text(plain.response!.body)]).toEqual(['é', 'é']);
  });

  it('should tell a body the HAR did not record from an empty one', () => {
    expect(exchangeOf(entry({}, { content: { size: 120 } }), 0, 'x.har')).toMatchObject({ responseBodyNotRecorded: true, response: { bodyNotRead: true } });
    expect(exchangeOf(entry({}, { content: { size: 120, text: '' } }), 0, 'x.har')).toMatchObject({ responseBodyNotRecorded: true });
    expect(exchangeOf(entry({}, {}), 0, 'x.har').response).not.toHaveProperty('bodyNotRead');
    for (const response of [{ status: 204, content: { size: -1 } }, { status: 200, content: { size: 0 } }]) {
      const read = exchangeOf(entry({}, response), 0, 'x.har');
      expect([read.responseBodyNotRecorded, read.response!.body.length, read.response!.bodyNotRead]).toEqual([false, 0, undefined]);
    }
    expect(exchangeOf(entry({ method: 'POST', bodySize: 42 }, {}), 0, 'x.har').request).toMatchObject({ bodyNotRead: true });
  });

  it('should read a body shorter than its recorded size as cut when it is no longer JSON, and as edited when it still is', () => {
    const cut = exchangeOf(entry({ method: 'POST', bodySize: 900, postData: { text: '{"credentials": {"ho' } }, { content: { size: 5000, text: '{"success":true,"da' } }), 0, 'x.har');
    expect(cut).toMatchObject({ responseBodyNotRecorded: true, request: { bodyNotRead: true }, response: { bodyNotRead: true } });
    expect(text(cut.response!.body)).toBe('{"success":true,"da');
    const edited = exchangeOf(entry({ method: 'POST', bodySize: 900, postData: { text: '{}' } }, { content: { size: 5000, text: '{"success":true}' } }), 0, 'x.har');
    expect(edited.responseBodyNotRecorded).toBe(false);
    expect([edited.request.bodyNotRead, edited.response!.bodyNotRead]).toEqual([undefined, undefined]);
    expect(exchangeOf(entry({ method: 'POST', bodySize: 0 }, {}), 0, 'x.har').request).not.toHaveProperty('bodyNotRead');
  });

  it('should read a HEAD answer on its status and headers alone, and not count its body as missing', () => {
    expect(exchangeOf(entry({ method: 'HEAD' }, { content: { size: 0 } }), 0, 'x.har')).toMatchObject({ responseBodyNotRecorded: false, response: { bodyNotRead: true } });
  });

  it.each([0, -1])('should read status %i as no answer', (status) => {
    expect(exchangeOf(entry({}, { status }), 0, 'x.har').response).toBeUndefined();
  });

  it('should name the entry whose URL is not absolute', () => {
    expect(() => exchangeOf(entry({ url: 'api/v1/x' }, {}), 7, 'x.har')).toThrow('x.har: entries[7].request.url: must be an absolute URL');
  });
});

describe('readHar', () => {
  const reason = (har: unknown) => {
    try {
      readHar(writeHar(har));
    } catch (error) {
      expect(error).toBeInstanceOf(ToolError);
      expect((error as ToolError).code).toBe('HAR_INVALID');
      return (error as Error).message.replace(/^\S+: /, '');
    }
    return 'read';
  };

  it('should read the fields it needs and ignore the ones it does not', () => {
    expect(reason({ log: { version: '1.2', creator: 7, entries: [{ ...entry({}, {}), _priority: 'High', timings: null }] } })).toBe('read');
  });

  it.each([
    [[], 'not a HAR (the top level: must be object)'],
    [{ log: [] }, 'not a HAR (log: must be object)'],
    [{ log: { entries: [entry({}, {}), {}] } }, "entries[1]: must have required property 'request'"],
    [{ log: { entries: [entry({ headers: [{ name: 'a' }] as never }, {})] } }, "entries[0].request.headers[0]: must have required property 'value'"],
    [{ log: { entries: [entry({}, { content: { size: 2, text: 7 as never } })] } }, 'entries[0].response.content.text: must be string'],
    [{ log: { entries: [entry({ postData: { text: null as never } }, {})] } }, 'entries[0].request.postData.text: must be string'],
    [{ log: { entries: [entry({}, { status: 200.5 })] } }, 'entries[0].response.status: must be integer'],
  ])('should name what is wrong with %j', (har, expected) => {
    expect(reason(har)).toBe(expected);
  });

  it('should read a HAR saved with a UTF-8 byte order mark', () => {
    const path = writeHar('x');
    writeFileSync(path, `\uFEFF${JSON.stringify({ log: { entries: [entry({}, {})] } })}`);
    expect(readHar(path).log.entries).toHaveLength(1);
  });

  it('should say where JSON breaks without quoting the file', () => {
    const path = writeHar('x');
    writeFileSync(path, '{"log": {"entries": [{"request": {"headers": [{"name": "authorization", "value": "Bearer flowyte_sk_live_abcdef"}]} oops');
    expect(() => readHar(path)).toThrow(/: not JSON( \(.*\))?$/);
    expect(() => readHar(path)).not.toThrow(/flowyte_sk_live/);
  });
});
