import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/traffic/har.js';
import { HIDDEN_BODY } from '../../src/traffic/redact-text.js';
import { serveMock, type ServedMock } from '../support/served-mock.js';
import { KEYS } from '../support/test-mock.js';
import { checkHar, checkHarFile } from './check-run.js';
import { chromeHar, withEntry, writeHar } from './har-fixtures.js';
import { recordSession, STEPS, type RecordedExchange } from './har-session.js';

/** Secrets a devtools HAR holds in clear, each where a report could show it. */
const HEADER_KEY = 'xak_header_Secret_3310';
const SHORT_KEY = 'Zq4w';
const NESTED_TOKEN = 'nested-Secret-0042';
const NUMBER_PIN = 98765;
const CUT_PASSWORD = 'cut-Secret-9931';
const FORM_KEY = 'form-Secret-5521';
const TEXT_PASSWORD = 'yaml-Secret-7788';
const SECRETS = [KEYS.acmeAdmin, KEYS.acmeReader, HEADER_KEY, SHORT_KEY, NESTED_TOKEN, String(NUMBER_PIN), CUT_PASSWORD, FORM_KEY, TEXT_PASSWORD, 'browser-session-cookie-1234'];

/** An edited copy of one entry of `har`, answered 418 (undeclared everywhere) so that a report shows its request. */
function reported(har: ReturnType<typeof chromeHar>, from: number, edit: (entry: any) => void) {
  return withEntry(har, from, (entry) => {
    entry.response.status = 418;
    edit(entry);
  }).log.entries[from]!;
}

const contentType = (entry: any, value: string) => entry.request.headers.find((header: { name: string }) => header.name === 'content-type').value = value;

describe('check --har: no secret of a devtools HAR reaches a report or the terminal', () => {
  let mock: ServedMock;
  let session: RecordedExchange[];
  beforeAll(async () => {
    mock = await serveMock();
    session = await recordSession(mock);
  });
  afterAll(() => mock.close());

  /** The session, then one entry per place a secret hides, each reported (answered 418). */
  function leakyHar() {
    const har = chromeHar(session);
    const connect = `${mock.baseUrl}/integrations/shopify/connect`;
    har.log.entries.push(
      reported(har, STEPS.catalog, (entry) => {
        entry.request.url = `${mock.baseUrl}/integrations/catalog?limit=5&access_token=${KEYS.acmeReader}`;
        entry.request.headers.push({ name: 'x-api-key', value: HEADER_KEY }, { name: 'x-request-id', value: 'trace-1' });
      }),
      reported(har, STEPS.connect, (entry) => {
        entry.request.url = connect;
        entry.request.postData.text = JSON.stringify({ credentials: { apiKey: SHORT_KEY, extra: { token: NESTED_TOKEN }, pin: NUMBER_PIN } });
        entry.response.content.text = JSON.stringify({ echo: [SHORT_KEY, NESTED_TOKEN, NUMBER_PIN] });
      }),
      reported(har, STEPS.connect, (entry) => {
        // Cut at a recorder's cap: no longer JSON.
        entry.request.postData.text = `{"credentials": {"host": "db.internal.example", "user": "postgres", "password": "${CUT_PASSWORD}", "ca_pem": "-----BEGIN CERT`;
        entry.request.bodySize = 4000;
      }),
      reported(har, STEPS.connect, (entry) => {
        entry.request.url = connect;
        contentType(entry, 'application/x-www-form-urlencoded');
        entry.request.postData = { mimeType: 'application/x-www-form-urlencoded', text: `credentials%5BapiKey%5D=${FORM_KEY}&label=shop` };
      }),
      reported(har, STEPS.connect, (entry) => {
        contentType(entry, 'text/plain');
        entry.request.postData = { mimeType: 'text/plain', text: `host: db.example.com\npassword: ${TEXT_PASSWORD}\n` };
      }),
    );
    return har;
  }

  it('should show none of them in the four reports or on the terminal', async () => {
    const { exitCode, out, files } = await checkHar(leakyHar());
    expect(exitCode).toBe(1);
    for (const [file, text] of Object.entries({ ...files, stdout: out })) for (const secret of SECRETS) expect(text, `${file} shows ${secret}`).not.toContain(secret);
  });

  it('should redact secret query parameters, keep only the headers that shape the answer and name the key by its fingerprint', async () => {
    const { report } = await checkHar(leakyHar());
    const failure = report!.failures.find((candidate) => candidate.request?.path.startsWith('/integrations/catalog?'))!;
    expect(failure.request!.path).toBe('/integrations/catalog?limit=5&access_token=%5BREDACTED%5D');
    expect(failure.request!.headers).toEqual({ accept: '*/*', authorization: `Bearer $FLOWYTE_KEY_${keyFingerprint(KEYS.acmeAdmin).toUpperCase()}` });
    expect(failure.curl).toBe(`curl -i -X GET '${mock.baseUrl}/integrations/catalog?limit=5&access_token=%5BREDACTED%5D' -H 'accept: */*' -H "authorization: Bearer $FLOWYTE_KEY_${keyFingerprint(KEYS.acmeAdmin).toUpperCase()}"`);
  });

  it('should redact the credentials of a JSON, a cut, a form and an unreadable body, and mask short, nested and numeric ones where they appear', async () => {
    const { report } = await checkHar(leakyHar());
    const added = chromeHar(session).log.entries.length;
    const [json, cut, form, text] = [1, 2, 3, 4].map((n) => report!.failures.find((failure) => failure.replay.endsWith(` --entry ${added + n}`))!);
    expect(JSON.parse(json!.request!.body!)).toEqual({ credentials: { apiKey: '[REDACTED]', extra: '[REDACTED]', pin: '[REDACTED]' } });
    expect(json!.response!.bodyExcerpt).toBe('{"echo":["***","nes…42",***]}');
    expect(cut!.request!.body).toBe('{"credentials": {"host": "[REDACTED]", "user": "[REDACTED]", "password": "[REDACTED]", "ca_pem": "[REDACTED]"');
    // A credential that is a word of the contract (the default PostgreSQL user) is not masked in the path it names.
    expect(cut!.request!.path).toBe('/integrations/postgres/connect');
    expect(form!.request!.body).toBe('credentials%5BapiKey%5D=%5BREDACTED%5D&label=shop');
    expect(text!.request!.body).toBe(HIDDEN_BODY);
  });

  it('should print no control character of the recording on the terminal', async () => {
    // A field name the validator quotes, and the file's own name: a terminal would obey both.
    const accepted = withEntry(chromeHar(session), STEPS.invalidConnect, (entry) => {
      entry.request.postData.text = JSON.stringify({ credentials: { host: 'db.example.com', '\u001b[2J\u202eevil': 'x' } });
      entry.response.status = 200;
    });
    const { exitCode, out } = await checkHarFile(writeHar(accepted, 'evil\u001b[31m.har'));
    expect(exitCode).toBe(1);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('credentials.\\u001b[2J\\u202eevil is not a known field');
    expect(out).toContain('evil\\u001b[31m.har');
  });
});
