import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/contract/checks.js';
import type { Report, ReportFailure } from '../../src/contract/report.js';
import { toCurl, redactRequest } from '../../src/contract/curl.js';
import { groupFailures } from '../../src/contract/finding-groups.js';
import { BODY_EXCERPT_CHARS } from '../../src/contract/request-excerpt.js';
import { REPORT_WRITERS } from '../../src/report/writers.js';

const hostile = '<script>alert("x")</script> & \u0001';

const report: Report = {
  version: 1,
  tool: { name: 'flowyte-contract', version: '0.1.0' },
  target: 'http://127.0.0.1:4010/api/v1',
  startedAt: '2026-11-23T00:00:00.000Z',
  durationMs: 1234,
  seed: 42,
  runs: 10,
  requests: 3,
  options: { checks: ['auth_required'], documentedOnly: false, workers: 8, timeoutMs: 10_000, maxBodyBytes: 1_048_576 },
  completion: { status: 'complete', runsPlanned: 10, runsDone: 10 },
  checks: [{ ...CHECKS.auth_required, status: 'failed' }],
  operations: [{ operationId: 'listIntegrations', method: 'GET', path: '/integrations', declaredStatuses: ['200', '401', '403'], observedStatuses: [200, 418] }],
  matrix: { listIntegrations: { auth_required: 'failed' } },
  coverage: { cells: { exercised: 1, total: 1 }, notExercised: [], statuses: { observed: 1, declared: 3 }, statusesNeverObserved: [{ operationId: 'listIntegrations', statuses: ['401', '403'] }], probesNotSent: [], probesSent: 0 },
  failures: [
    {
      id: 'F1',
      check: 'auth_required',
      kind: 'unexpected_status',
      title: 'Unexpected status',
      operationId: 'listIntegrations',
      message: hostile,
      request: { method: 'GET', path: '/integrations', headers: { authorization: 'Bearer $FLOWYTE_KEY_ACME' } },
      curl: "curl -i -X GET 'http://127.0.0.1:4010/api/v1/integrations'",
      response: { status: 200, headers: { 'content-type': 'application/json' }, bodyExcerpt: hostile },
      steps: [],
      seed: 42,
      path: '3:1',
      suite: 'auth_required',
      replayChecks: ['auth_required'],
      replay: 'flowyte-contract test --config c.yaml --checks auth_required --seed 42 --path 3:1',
    },
  ],
  findings: [
    { id: 'D1', check: 'auth_required', kind: 'unexpected_status', title: 'Unexpected status', symptom: hostile, message: hostile, operations: ['listIntegrations'], occurrences: ['F1'], count: 1 },
  ],
  summary: { passed: 0, failed: 1, skipped: 0 },
};

/** A run in which one cause (a problem without a title) was met six times on two operations, and another once. */
const grouped: Report = (() => {
  const occurrence = (n: number, operationId: string, message: string, status: number): ReportFailure => ({
    ...report.failures[0]!,
    id: `F${n}`,
    check: 'problem_json',
    kind: 'not_problem',
    title: 'Error is not a valid problem',
    operationId,
    message,
    response: { status, headers: { 'content-type': 'application/problem+json' }, bodyExcerpt: `{"status":${status}}` },
    suite: 'negative_data_rejection',
    replay: `flowyte-contract test --config c.yaml --checks problem_json --suite negative_data_rejection --seed 42 --path ${n}:0`,
  });
  const failures = [
    occurrence(1, 'listIntegrations', 'the problem has no title', 401),
    occurrence(2, 'connectIntegration', 'the problem has no title', 400),
    occurrence(3, 'connectIntegration', "the problem's status 404 differs from the HTTP status 400", 400),
    ...[4, 5, 6, 7].map((n) => occurrence(n, n % 2 ? 'listIntegrations' : 'connectIntegration', 'the problem has no title', 400 + n)),
  ];
  return {
    ...report,
    checks: [{ ...CHECKS.problem_json, status: 'failed' }],
    operations: [...report.operations, { operationId: 'connectIntegration', method: 'POST', path: '/integrations/{kind}/connect', declaredStatuses: ['200', '400', '422'], observedStatuses: [400] }],
    matrix: { listIntegrations: { problem_json: 'failed' }, connectIntegration: { problem_json: 'failed' } },
    failures,
    findings: groupFailures(failures),
  };
})();

describe('report writers', () => {
  it('should escape whatever a target answers in the HTML report, which stays self-contained', () => {
    const html = REPORT_WRITERS.html.write(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('--path 3:1');
    expect(html).toMatch(/418/);
  });

  it('should write JUnit XML with one testcase per check and operation, escaped', () => {
    const xml = REPORT_WRITERS.junit.write(report);
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml).toContain('<failure message="D1: &lt;script&gt;');
    expect(xml).not.toContain('\u0001');
  });

  it('should write a Markdown summary with the replay command and round-trip the JSON report', () => {
    expect(REPORT_WRITERS.markdown.write(report)).toContain('replay: `flowyte-contract test --config c.yaml');
    expect(JSON.parse(REPORT_WRITERS.json.write(report))).toEqual(report);
  });

  it('should put no key in a curl command: the token becomes an environment variable', () => {
    const request = redactRequest({ method: 'POST', path: "/x?a='b'", headers: { authorization: 'Bearer flowyte_sk_live_secret' }, body: "{\"it's\":1}", keyName: 'acme admin' });
    const curl = toCurl('http://h/api/v1', request);
    expect(curl).not.toContain('flowyte_sk_live_secret');
    expect(curl).toBe(`curl -i -X POST 'http://h/api/v1/x?a='\\''b'\\''' -H "authorization: Bearer $FLOWYTE_KEY_ACME_ADMIN" --data-raw '{"it'\\''s":1}'`);
  });
});

describe('findings grouped by cause in the reports', () => {
  it('should count distinct findings, then occurrences, singular or plural', () => {
    expect(REPORT_WRITERS.markdown.write(report)).toContain('❌ **1 distinct finding, 1 occurrence**');
    expect(REPORT_WRITERS.markdown.write(grouped)).toContain('❌ **2 distinct findings, 7 occurrences**');
    expect(REPORT_WRITERS.html.write(grouped)).toContain('<p class="verdict-bad"><strong>2 distinct findings, 7 occurrences</strong></p>');
    expect(REPORT_WRITERS.markdown.write(grouped)).not.toContain('deviation');
  });

  it('should show a finding in summary.md with its symptom and operations, and only its first occurrences with their replays', () => {
    const markdown = REPORT_WRITERS.markdown.write(grouped);
    expect(markdown).toContain('### D1 `problem_json`: Error is not a valid problem — 6 occurrences on 2 operations\n\n`the problem has no title` on `listIntegrations`, `connectIntegration`');
    expect(markdown).toContain("### D2 `problem_json`: Error is not a valid problem — 1 occurrence on 1 operation\n\n`the problem's status <n> differs from the HTTP status <n>` on `connectIntegration`");
    expect(markdown).toContain('- **F2** `problem_json` on `connectIntegration` (sent by the `negative_data_rejection` suite): the problem has no title\n  - replay: `flowyte-contract test --config c.yaml --checks problem_json --suite negative_data_rejection --seed 42 --path 2:0`');
    expect(markdown).toContain('- … and 3 more (F5, F6, F7)');
    expect(markdown).toContain('--path 4:0');
    expect(markdown).not.toContain('--path 5:0');
  });

  it('should show every occurrence in report.html under its finding, the first one open, each with its curl and replay', () => {
    const html = REPORT_WRITERS.html.write(grouped);
    const d1 = html.slice(html.indexOf('<section class="finding" id="D1">'), html.indexOf('<section class="finding" id="D2">'));
    expect(d1).toContain('<p><strong>6 occurrences on 2 operations</strong>: <code>listIntegrations</code>, <code>connectIntegration</code></p>');
    expect(d1.match(/<details class="occurrence" id="F\d+"/g)).toEqual(['F1', 'F2', 'F4', 'F5', 'F6', 'F7'].map((id) => `<details class="occurrence" id="${id}"`));
    expect(d1.match(/<details [^>]*open>/g)).toEqual(['<details class="occurrence" id="F1" open>']);
    expect(d1.match(/--path \d:0<\/pre>/g)).toHaveLength(6);
    expect(d1.match(/curl -i -X GET/g)).toHaveLength(6);
    expect(html).toContain('<span class="muted">Symptom:</span> <code>the problem&#39;s status &lt;n&gt; differs from the HTTP status &lt;n&gt;</code></p>');
  });

  it('should name in junit.xml the finding each failure belongs to', () => {
    const xml = REPORT_WRITERS.junit.write(grouped);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('<failure message="D1: the problem has no title (also D2)"');
    expect(xml).toContain('F3 (finding D2): the problem&apos;s status 404 differs from the HTTP status 400');
  });
});

describe('long request bodies in reports', () => {
  const request = { method: 'POST', path: '/integrations/shopify/connect', headers: { 'content-type': 'application/json' }, keyName: 'acme admin' };

  it('should keep a padded body-limit probe as its content and padding, and its curl command rebuild it byte for byte', () => {
    const body = `${' '.repeat(1024 * 1024)}${JSON.stringify({ credentials: { apiKey: "it's a key" } })}`;
    const shown = redactRequest({ ...request, body });
    expect(shown).toMatchObject({ body: body.trimStart(), bodyBytes: Buffer.byteLength(body), padding: 1024 * 1024 });
    // A stand-in curl that prints the body it was given: the command's own shell expression makes it.
    const script = `curl() { for a; do case $a in @*) cat "\${a#@}";; esac; done; }; ${toCurl('http://h/api/v1', shown)}`;
    expect(execFileSync('bash', ['-c', script], { maxBuffer: 4 * 1024 * 1024 }).toString()).toBe(body);
  });

  it('should cut any other long body to an excerpt that names its whole size', () => {
    const body = JSON.stringify({ description: 'x'.repeat(50_000) });
    const shown = redactRequest({ ...request, body });
    expect(shown.body).toHaveLength(BODY_EXCERPT_CHARS);
    expect(shown.bodyBytes).toBe(body.length);
    expect(toCurl('http://h/api/v1', shown)).toMatch(new RegExp(`# the body cut to its first ${BODY_EXCERPT_CHARS} characters of ${body.length} bytes$`));
  });
});
