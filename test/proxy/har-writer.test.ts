import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Har, HarEntry } from '../../src/traffic/har.js';
import { HarWriter } from '../../src/traffic/har-writer.js';

const CREATOR = { name: 'flowyte-contract proxy', version: '0.1.0' };
const harFile = () => join(mkdtempSync(join(tmpdir(), 'flowyte-har-')), 'session.har');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Har;

function entry(n: number, text = `{"n":${n}}`): HarEntry {
  return {
    startedDateTime: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    time: n,
    request: { method: 'GET', url: `http://127.0.0.1:4010/api/v1/integrations?n=${n}`, httpVersion: 'HTTP/1.1', headers: [], queryString: [{ name: 'n', value: String(n) }], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: text.length, mimeType: 'application/json', text }, redirectURL: '', headersSize: -1, bodySize: text.length },
    cache: {},
    timings: { send: 0, wait: n, receive: 0 },
  };
}

describe('HarWriter', () => {
  it('should leave a valid, empty HAR 1.2 log as soon as it is created', async () => {
    const path = harFile();
    const writer = await HarWriter.create(path, { creator: CREATOR, comment: 'in front of https://staging.example.com/api/v1' });
    expect(read(path).log).toEqual({ version: '1.2', creator: CREATOR, comment: 'in front of https://staging.example.com/api/v1', entries: [] });
    await writer.close();
  });

  it('should leave a valid document after every entry, as a process killed between two would find it', async () => {
    const path = harFile();
    const writer = await HarWriter.create(path, { creator: CREATOR });
    for (let n = 1; n <= 4; n++) {
      await writer.append(entry(n, `{"text":"ünïcödé ${'é'.repeat(n)}"}`));
      expect(read(path).log.entries.map((recorded) => recorded.time)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    await writer.close();
    expect(read(path).log.entries[3]!.response.content.text).toBe('{"text":"ünïcödé éééé"}');
  });

  it('should keep entries handed over at once in their order', async () => {
    const path = harFile();
    const writer = await HarWriter.create(path, { creator: CREATOR });
    for (let n = 1; n <= 50; n++) void writer.append(entry(n));
    await writer.close();
    expect(read(path).log.entries.map((recorded) => recorded.time)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(writer.count).toBe(50);
  });

  it('should refuse a path it cannot write', async () => {
    await expect(HarWriter.create(join(tmpdir(), 'no-such-dir-flowyte', 'x', 'session.har'), { creator: CREATOR })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
