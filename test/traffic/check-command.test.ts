import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCCURRENCES_KEPT } from '../../src/traffic/check-traffic.js';
import { keyFingerprint } from '../../src/traffic/har.js';
import { serveMock, type ServedMock } from '../support/served-mock.js';
import { KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';
import { check, checkHar, temp } from './check-run.js';
import { chromeHar, firefoxHar, playwrightHar, proxyHar, withEntry, writeHar } from './har-fixtures.js';
import { BLOCKED_ENTRY, recordSession, STEPS, type RecordedExchange } from './har-session.js';

/** What no report and no terminal line may show: the key, the credentials and the browser's cookie. */
const SECRETS = [KEYS.acmeAdmin, POSTGRES_CREDENTIALS.password, 'short-lived-Secret-77', 'browser-session-cookie-1234'];

describe('flowyte-contract check --har', () => {
  let mock: ServedMock;
  let session: RecordedExchange[];
  beforeAll(async () => {
    mock = await serveMock();
    session = await recordSession(mock);
  });
  afterAll(() => mock.close());

  it.each([
    ['Chrome', chromeHar, 1],
    ['Firefox', firefoxHar, 0],
    ['Playwright', playwrightHar, 0],
  ] as const)('should pass a conformant recording exported by %s and write the four reports', async (_, build, bodiesNotRecorded) => {
    const { exitCode, out, err, files, report } = await checkHar(build(session));
    expect(err).toBe('');
    expect(exitCode).toBe(0);
    expect(Object.keys(files).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
    expect(report!.source).toMatchObject({ entries: 9, judged: 6, skippedOutside: 1, skippedNoResponse: 1, skippedPreflights: 1, invalidRequestsRefused: 1, bodiesNotRecorded });
    expect(report!.target).toBe(mock.baseUrl);
    expect(report!.operations.find((op) => op.operationId === 'connectIntegration')!.observedStatuses).toEqual([200, 400]);
    expect(report!.matrix.connectIntegration).toMatchObject({ response_schema: 'passed', negative_data_rejection: 'passed', secret_non_disclosure: 'passed' });
    expect(report!.matrix.getIntegrationSchema).toMatchObject({ status_code_declared: 'not_exercised', negative_data_rejection: 'not_applicable' });
    expect(out).toContain('9 entries, 6 judged (under /api/v1 on any origin); skipped: 1 outside the API, 1 without an answer, 1 CORS preflight');
    expect(out).toContain('1 invalid request refused as expected');
    expect(files['summary.md']).toContain('✅ **Conformant on what was exercised:');
    expect(files['summary.md']).toContain('| `negative_data_rejection` | ✅ passed |');
    for (const [file, text] of Object.entries({ ...files, stdout: out })) for (const secret of SECRETS) expect(text, file).not.toContain(secret);
  });

  it('should check a recording of the proxy: keys by fingerprint, redacted credentials not validated, a cut body judged on status and headers', async () => {
    const { exitCode, out, report } = await checkHar(proxyHar(session));
    expect(exitCode).toBe(0);
    // The refused connect is not counted: its credentials redacted, it is not validated.
    expect(report!.source).toMatchObject({ entries: 8, judged: 6, skippedOutside: 1, skippedPreflights: 1, invalidRequestsRefused: 0, bodiesNotRecorded: 1 });
    expect(out).toContain('1 answer without a whole recorded body: judged on status and headers only');
    expect(report!.matrix.listIntegrations).toMatchObject({ status_code_declared: 'passed', response_schema: 'not_exercised' });

    const undeclared = withEntry(proxyHar(session), STEPS.discover, (entry) => (entry.response.status = 418));
    const failed = await checkHar(undeclared);
    expect(failed.exitCode).toBe(1);
    expect(failed.report!.failures[0]!.curl).toContain(`-H "authorization: Bearer $FLOWYTE_KEY_${keyFingerprint(KEYS.acmeAdmin).toUpperCase()}"`);
  });

  it('should judge an answer the HAR holds no body of on its status and headers only, and say so', async () => {
    const { exitCode, out, report } = await checkHar(chromeHar(session, { omitBodyOf: [STEPS.list] }));
    expect(exitCode).toBe(0);
    expect(out).toContain('1 answer without a whole recorded body: judged on status and headers only');
    expect(report!.matrix.listIntegrations).toMatchObject({ status_code_declared: 'passed', content_type_declared: 'passed', response_schema: 'not_exercised', envelope: 'not_exercised' });
  });

  it('should fail a problem edited to lose its title, naming the check and the entry, and replay that entry alone', async () => {
    const broken = withEntry(chromeHar(session), STEPS.catalogWithoutKey, (entry) => {
      const { title: _, ...problem } = JSON.parse(entry.response.content.text);
      entry.response.content.text = JSON.stringify(problem);
    });
    const { exitCode, out, path, report, files } = await checkHar(broken);
    expect(exitCode).toBe(1);
    expect(report!.failures).toHaveLength(1);
    const [failure] = report!.failures;
    expect(failure).toMatchObject({ check: 'problem_json', kind: 'not_problem', operationId: 'listIntegrationCatalog', message: 'the problem has no title', seed: 0, path: null, suite: 'problem_json', replayChecks: ['problem_json'] });
    expect(failure!.replay).toBe(`flowyte-contract check --har ${path} --entry ${STEPS.catalogWithoutKey}`);
    expect(failure!.curl).toBe(`curl -i -X GET '${mock.baseUrl}/integrations/catalog' -H 'accept: */*'`);
    expect(out).toContain('1 distinct finding, 1 occurrence');
    expect(out).toContain('D1 problem_json · Error is not a valid problem');
    expect(out).toContain(`replay: flowyte-contract check --har ${path} --entry ${STEPS.catalogWithoutKey}`);
    expect(files['summary.md']).toContain('## Findings');
    expect(files['summary.md']).toContain('`problem_json`: Error is not a valid problem');
    expect(files['junit.xml']).toMatch(/<failure message="D1: the problem has no title"/);

    const replayed = await check([...failure!.replay.split(' ').slice(2), '--report-dir', temp()]);
    expect(replayed.exitCode).toBe(1);
    expect(replayed.out).toContain(`entry ${STEPS.catalogWithoutKey} of 9, 1 judged`);
    const other = await check(['--har', path, '--entry', String(STEPS.catalog), '--report-dir', temp()]);
    expect(other.exitCode).toBe(0);
  });

  it('should keep a bounded number of occurrences of one check, operation and status, and count the rest', async () => {
    const har = withEntry(chromeHar(session), STEPS.discover, (entry) => (entry.response.status = 201));
    har.log.entries.push(...Array.from({ length: OCCURRENCES_KEPT + 4 }, () => har.log.entries[STEPS.discover]!));
    const { exitCode, out, report } = await checkHar(har);
    expect(exitCode).toBe(1);
    expect(report!.failures).toHaveLength(OCCURRENCES_KEPT);
    expect(report!.source!.occurrencesNotKept).toBe(5);
    expect(out).toContain(`${OCCURRENCES_KEPT} occurrences`);
    expect(out).toContain('(and 5 further occurrences of the same checks, operations and statuses: counted, not kept in the reports)');
  });

  it('should fail a status the operation does not declare', async () => {
    const { exitCode, report } = await checkHar(withEntry(firefoxHar(session), STEPS.discover, (entry) => (entry.response.status = 201)));
    expect(exitCode).toBe(1);
    expect(report!.failures.map((failure) => [failure.check, failure.operationId, failure.message])).toEqual([
      ['status_code_declared', 'discoverIntegration', expect.stringMatching(/^status 201 is not declared/)],
    ]);
  });

  it('should fail an answer that gives back a submitted credential, and show neither it nor the key', async () => {
    const leaky = withEntry(playwrightHar(session), STEPS.connect, (entry) => {
      const body = { success: true, data: { status: 'connected', echo: POSTGRES_CREDENTIALS.password } };
      entry.response.content.text = Buffer.from(JSON.stringify(body)).toString('base64');
    });
    const { exitCode, out, files, report } = await checkHar(leaky);
    expect(exitCode).toBe(1);
    const leak = report!.failures.find((failure) => failure.check === 'secret_non_disclosure')!;
    expect(leak).toMatchObject({ operationId: 'connectIntegration', message: 'a submitted credential (pg-…81) came back in the response' });
    expect(leak.response!.bodyExcerpt).toContain('"echo":"pg-…81"');
    expect(JSON.parse(leak.request!.body!).credentials).toMatchObject({ password: '[REDACTED]', host: '[REDACTED]', sslmode: 'verify-full' });
    expect(leak.request!.headers.authorization).toBe(`Bearer $FLOWYTE_KEY_${keyFingerprint(KEYS.acmeAdmin).toUpperCase()}`);
    expect(leak.curl).toContain(`-H "authorization: Bearer $FLOWYTE_KEY_${keyFingerprint(KEYS.acmeAdmin).toUpperCase()}"`);
    for (const [file, text] of Object.entries({ ...files, stdout: out })) for (const secret of SECRETS) expect(text, file).not.toContain(secret);
  });

  it('should fail a server that accepts a request the contract refuses, and not one that refuses it', async () => {
    const lenient = withEntry(chromeHar(session), STEPS.invalidConnect, (entry) => {
      entry.response.status = 200;
      entry.response.headers = [{ name: 'content-type', value: 'application/json' }];
      entry.response.content.text = JSON.stringify({ success: true, data: { status: 'connected' } });
    });
    const { exitCode, out, report } = await checkHar(lenient);
    expect(exitCode).toBe(1);
    expect(out).not.toContain('refused as expected');
    expect(report!.failures.map((failure) => [failure.check, failure.kind, failure.operationId])).toEqual([['negative_data_rejection', 'unexpected_status', 'connectIntegration']]);
    expect(report!.failures[0]!.message).toMatch(/^the server accepted an invalid request \(answered 200\): credentials\.port is required/);
    expect(report!.matrix.connectIntegration!.negative_data_rejection).toBe('failed');
  });

  it('should skip the routes under the base path the contract does not describe, whatever they answered, and count them apart', async () => {
    const har = chromeHar(session);
    const extra = (method: string, path: string, status: number) => withEntry(har, STEPS.catalog, (entry) => {
      entry.request.method = method;
      entry.request.url = `${mock.baseUrl}${path}`;
      entry.response.status = status;
    }).log.entries[STEPS.catalog]!;
    // Another part of the API (agents), a route nobody describes answering 500, a method the catalog has no operation for.
    har.log.entries.push(extra('GET', '/agents', 200), extra('GET', '/health', 500), extra('DELETE', '/integrations/catalog', 204));
    const { exitCode, out, report, files } = await checkHar(har);
    expect(exitCode).toBe(0);
    expect(report!.failures).toEqual([]);
    expect(report!.source).toMatchObject({ entries: 12, judged: 6, skippedNotInContract: 3, invalidRequestsRefused: 1 });
    expect(out).toContain('12 entries, 6 judged (under /api/v1 on any origin); skipped: 1 outside the API, 1 without an answer, 1 CORS preflight, 3 not in the contract');
    expect(out).toContain('1 invalid request refused as expected');
    expect(report!.operations.map((operation) => operation.operationId)).not.toContain('(not in the contract)');
    expect(Object.keys(report!.matrix)).not.toContain('(not in the contract)');
    expect(files['junit.xml']).not.toContain('not in the contract');
  });

  it('should judge only the entries under --base-url', async () => {
    const elsewhere = await checkHar(chromeHar(session), '--base-url', 'https://staging.example.com/api/v1');
    expect(elsewhere).toMatchObject({ exitCode: 2, files: {} });
    expect(elsewhere.err).toBe(`flowyte-contract: HAR_INVALID: ${elsewhere.path}: nothing to judge: no answered request under https://staging.example.com/api/v1; skipped: 9 outside the API; name the API with --base-url URL\n`);
    const blocked = await check(['--har', elsewhere.path, '--entry', String(BLOCKED_ENTRY)]);
    expect(blocked.err).toMatch(/nothing to judge: entry 8 is no answered request under \/api\/v1 on any origin; skipped: 1 without an answer;/);
    const here = await checkHar(chromeHar(session), '--base-url', mock.baseUrl);
    expect(here.report!.source).toMatchObject({ judged: 6, skippedOutside: 1, scope: `under ${mock.baseUrl}` });
  });

  it.each([
    ['a file cut short', () => '{"log": {"entries": [{"request": {"method": "GET"', /: not JSON: it ends too early$/],
    ['text that is not JSON, without quoting it', () => '{"log": flowyte_sk_live_secret}', /: not JSON \((?:unexpected character "l"|at character 8|line 1, column 9)\)$/],
    ['JSON that is not a HAR', () => ({ log: { version: '1.2' } }), /: not a HAR \(log: must have required property 'entries'\)$/],
    ['an entry whose status is a string', () => withEntry(chromeHar(session), 3, (entry) => (entry.response.status = '200')), /: entries\[3\]\.response\.status: must be integer$/],
    ['an entry without a response', () => withEntry(firefoxHar(session), BLOCKED_ENTRY, (entry) => delete entry.response), /: entries\[8\]: must have required property 'response'$/],
    ['a relative URL', () => withEntry(playwrightHar(session), 2, (entry) => (entry.request.url = '/api/v1/integrations')), /: entries\[2\]\.request\.url: must be an absolute URL$/],
  ])('should refuse %s with one HAR_INVALID line naming where', async (_, build, reason) => {
    const { exitCode, out, err, files } = await checkHar(build());
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^flowyte-contract: HAR_INVALID: \S+recording\.har/);
    expect(err.trimEnd()).toMatch(reason);
    expect(err.split('\n')).toHaveLength(2);
    expect(err).not.toContain('flowyte_sk_live_secret');
    expect(files).toEqual({});
  });

  it('should refuse a missing file, a missing --har and a bad --entry', async () => {
    expect((await check(['--har', join(temp(), 'nowhere.har')])).err).toMatch(/^flowyte-contract: HAR_INVALID: \S+nowhere\.har: no such file\n$/);
    expect(await check([])).toMatchObject({ exitCode: 2, err: expect.stringMatching(/^flowyte-contract: USAGE: check needs --har FILE/) });
    const path = writeHar(chromeHar(session));
    expect(await check(['--har', path, '--entry', '9'])).toMatchObject({ exitCode: 2, err: 'flowyte-contract: USAGE: --entry must be the index of an entry, from 0 to 8, not "9"\n' });
    expect(await check(['--har', path, '--base-url', 'ftp://x'])).toMatchObject({ exitCode: 2, err: 'flowyte-contract: USAGE: --base-url must be an http(s) URL, not "ftp://x"\n' });
  });
});
