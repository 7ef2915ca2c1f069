import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CHECK_IDS, CHECKS } from '../../src/contract/checks.js';
import type { Report } from '../../src/contract/report.js';
import { BUILT_IN_DATA } from '../../src/mock/mock-data.js';
import { captureIo, serveMock, writeTestConfig, type ServedMock } from '../support/served-mock.js';
import { BROKEN_VARIANTS } from './broken-variants.js';

const temp = () => mkdtempSync(join(tmpdir(), 'flowyte-test-'));
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;

async function run(args: string[], env: Record<string, string> = {}) {
  const { io, out, err } = captureIo();
  const exitCode = await main(['test', ...args], { ...io, env });
  return { exitCode, out: out.join(''), err: err.join('') };
}

describe('flowyte-contract test', () => {
  let mock: ServedMock;
  let config: string;
  beforeAll(async () => {
    mock = await serveMock();
    config = writeTestConfig(mock.baseUrl);
  });
  afterAll(() => mock.close());

  it('should write the four reports, with no key token in any of them', async () => {
    const dir = temp();
    const { exitCode, out } = await run(['--config', config, '--runs', '5', '--seed', '3', '--report-dir', dir]);
    expect(exitCode).toBe(0);
    expect(out).toContain(`checks: ${CHECK_IDS.length} passed, 0 failed, 0 skipped`);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const key of BUILT_IN_DATA.keys) expect(text, file).not.toContain(key.token);
    }
    const report = readReport(dir);
    expect(report).toMatchObject({ version: 1, seed: 3, runs: 5, target: mock.baseUrl });
    expect(Object.keys(report.matrix)).toHaveLength(16);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=/i);
    const judged = Object.values(report.matrix).flatMap((row) => Object.values(row)).filter((cell) => cell !== 'not_applicable');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(new RegExp(`^<\\?xml[^]*<testsuites name="flowyte-contract" tests="${judged.length}" failures="0"`));
  }, 60_000);

  it('should read a token from the environment with env:VAR', async () => {
    const raw = JSON.parse(readFileSync(config, 'utf8'));
    raw.keys[0].token = 'env:ACME_ADMIN_KEY';
    const path = join(temp(), 'config.json');
    writeFileSync(path, JSON.stringify(raw));
    const ok = await run(['--config', path, '--checks', 'auth_required', '--runs', '3', '--report-dir', temp()], { ACME_ADMIN_KEY: 'flowyte_sk_test_acme_admin' });
    expect(ok.exitCode).toBe(0);
    const missing = await run(['--config', path, '--checks', 'auth_required', '--report-dir', temp()]);
    expect(missing.exitCode).toBe(2);
    expect(missing.err).toBe('flowyte-contract: CONFIG_INVALID: key "acme_admin" reads its token from $ACME_ADMIN_KEY, which is not set\n');
  });

  it('should leave out the checks and operations that rest on inferred parts with --documented-only', async () => {
    const dir = temp();
    await run(['--config', config, '--runs', '10', '--seed', '3', '--documented-only', '--report-dir', dir]);
    const report = readReport(dir);
    const ids = report.checks.map((c) => c.id);
    expect(ids).not.toContain('stateful');
    expect(ids).not.toContain('scoping_semantics');
    expect(ids).toContain('connect_semantics');
    expect(Object.values(report.matrix.listIntegrations!)).toEqual(ids.map(() => 'skipped'));
    const documented = report.operations.filter((op) => !['listIntegrations', 'listIntegrationCatalog'].includes(op.operationId));
    expect(documented.some((op) => report.matrix[op.operationId]!.auth_required === 'passed')).toBe(true);
  }, 60_000);

  it('should say how much a passing run exercised, and list what it did not', async () => {
    const dir = temp();
    const { exitCode, out } = await run(['--config', config, '--runs', '10', '--seed', '5', '--report-dir', dir]);
    expect(exitCode).toBe(0);
    const { coverage, matrix } = readReport(dir);
    const cells = Object.values(matrix).flatMap((row) => Object.values(row));
    // Every configured key holds integrations:read, so scope_enforced cannot reach the reads: a gap, not a pass.
    expect(coverage.cells.exercised).toBe(cells.filter((cell) => cell === 'passed').length);
    expect(coverage.cells.total).toBe(cells.filter((cell) => cell !== 'not_applicable').length);
    expect(coverage.cells.exercised).toBeLessThan(coverage.cells.total);
    expect(coverage.notExercised).toContainEqual(expect.objectContaining({ check: 'scope_enforced', operations: expect.arrayContaining(['listIntegrationCatalog']) }));
    expect(coverage.statusesNeverObserved).toContainEqual({ operationId: 'listIntegrationCatalog', statuses: expect.arrayContaining(['429']) });
    const figure = `${coverage.cells.exercised} of ${coverage.cells.total} operation × check cells`;
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain(`✅ **Conformant on what was exercised: ${figure}**`);
    expect(summary).toMatch(/## Not exercised by this run[^]*`scope_enforced` on [^\n]*`listIntegrationCatalog`[^]*`listIntegrationCatalog`: [^\n]*429/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`Conformant on what was exercised: ${figure}`);
    expect(out).toContain(`conformant on what was exercised: ${figure}`);
    expect(out).toMatch(/ {2}never observed: [^\n]*listIntegrationCatalog [^\n]*429/);
  }, 60_000);

  it('should reach every operation negative_data_rejection can break in a default run of 100', async () => {
    const dir = temp();
    expect((await run(['--config', config, '--checks', 'negative_data_rejection', '--seed', '1', '--report-dir', dir])).exitCode).toBe(0);
    expect(readReport(dir).coverage.notExercised).toEqual([]);
  }, 60_000);

  it('should show a leaked credential redacted in the report', async () => {
    const variant = BROKEN_VARIANTS.find((v) => v.caughtBy === 'secret_non_disclosure')!;
    const leaky = await serveMock(variant.handle);
    const dir = temp();
    try {
      await run(['--config', writeTestConfig(leaky.baseUrl), '--checks', 'secret_non_disclosure', '--runs', '5', '--report-dir', dir]);
    } finally {
      await leaky.close();
    }
    const [failure] = readReport(dir).failures;
    expect(failure?.check).toBe('secret_non_disclosure');
    expect(failure?.response?.bodyExcerpt).toMatch(/"debug":\[/);
    expect(failure?.response?.bodyExcerpt).not.toMatch(/(key|pw|user|db|host|refused)_[A-Za-z0-9]{12}/);
  }, 60_000);

  it('should split the suites between shards', async () => {
    const ran = async (shard: string) => {
      const dir = temp();
      await run(['--config', config, '--runs', '2', '--shard', shard, '--report-dir', dir]);
      return readReport(dir).checks.filter((c) => c.kind === 'suite' && c.status === 'passed').map((c) => c.id);
    };
    const [first, second] = [await ran('1/2'), await ran('2/2')];
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].sort()).toEqual(Object.values(CHECKS).filter((c) => c.kind === "suite").map((c) => c.id).sort());
  }, 60_000);

  it.each([
    [[], 'USAGE', 'test needs --config FILE'],
    [['--config', '/nope.yaml'], 'CONFIG_INVALID', 'no such file'],
    [['--config', 'CONFIG', '--checks', 'auth_required,nope'], 'USAGE', 'unknown check nope'],
    [['--config', 'CONFIG', '--shard', '3/2'], 'USAGE', '--shard'],
    [['--config', 'CONFIG', '--runs', 'many'], 'USAGE', '--runs'],
    [['--config', 'CONFIG', '--colour'], 'USAGE', 'colour'],
    [['--config', 'CONFIG', '--target', 'not a url'], 'CONFIG_INVALID', 'not a URL'],
  ])('should answer %j with one %s line and exit 2', async (args, code, words) => {
    const { exitCode, err, out } = await run(args.map((a) => (a === 'CONFIG' ? config : a)));
    expect(exitCode).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`${code}: `);
    expect(err).toContain(words);
    expect(out + err).not.toMatch(/\n\s+at /);
  });

  it('should answer an unreachable target with TARGET_UNREACHABLE and exit 2, in one line alone', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const { exitCode, out, err } = await run(['--config', config, '--target', `http://127.0.0.1:${port}/api/v1`, '--report-dir', temp()]);
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^flowyte-contract: TARGET_UNREACHABLE: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/integrations\/catalog failed: refused \(ECONNREFUSED: .*\)\n$/);
  });
});

describe('flowyte-contract replay', () => {
  it('should reproduce a failure exactly from report.json, and pass once the target is fixed', async () => {
    const variant = BROKEN_VARIANTS.find((v) => v.caughtBy === 'scoping_semantics')!;
    const broken = await serveMock(variant.handle);
    const dir = temp();
    const config = writeTestConfig(broken.baseUrl);
    try {
      expect((await run(['--config', config, '--checks', 'scoping_semantics', '--seed', '11', '--runs', '20', '--report-dir', dir])).exitCode).toBe(1);
      const [failure] = readReport(dir).failures;
      const { io, out } = captureIo();
      const replayDir = temp();
      expect(await main(['replay', join(dir, 'report.json'), failure!.id, '--report-dir', replayDir], io)).toBe(1);
      expect(out.join('')).toContain(`replaying ${failure!.id}`);
      const replayed = readReport(replayDir).failures[0]!;
      expect([replayed.check, replayed.operationId, replayed.message]).toEqual([failure!.check, failure!.operationId, failure!.message]);
    } finally {
      await broken.close();
    }
    const fixed = await serveMock();
    try {
      const { io } = captureIo();
      expect(await main(['replay', join(dir, 'report.json'), 'F1', '--target', fixed.baseUrl, '--report-dir', temp()], io)).toBe(0);
    } finally {
      await fixed.close();
    }
  }, 60_000);

  it('should replay a response check\'s finding by the suite that sent the request, judged by that check alone', async () => {
    const variant = BROKEN_VARIANTS.find((v) => v.name === 'answers 500 to malformed JSON')!;
    const broken = await serveMock(variant.handle);
    const dir = temp();
    try {
      expect((await run(['--config', writeTestConfig(broken.baseUrl), '--checks', 'not_a_server_error', '--seed', '4', '--runs', '10', '--report-dir', dir])).exitCode).toBe(1);
      const failure = readReport(dir).failures.find((f) => f.suite === 'negative_data_rejection')!;
      expect(failure.replay).toContain(' --checks not_a_server_error --suite negative_data_rejection --seed 4 --path ');
      expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`**${failure.id}** \`not_a_server_error\` on \`${failure.operationId}\` (sent by the \`negative_data_rejection\` suite)`);
      const { io, out } = captureIo();
      const replayDir = temp();
      expect(await main(['replay', join(dir, 'report.json'), failure.id, '--report-dir', replayDir], io)).toBe(1);
      expect(out.join('')).toContain(`replaying ${failure.id}: not_a_server_error on ${failure.operationId}, driven by negative_data_rejection`);
      // A suite's own check cannot ride along: the driving suite runs alone.
      const mixed = await run(['--config', writeTestConfig(broken.baseUrl), '--checks', 'binding_refusals', '--suite', 'negative_data_rejection']);
      expect([mixed.exitCode, mixed.err]).toEqual([2, 'flowyte-contract: USAGE: --suite negative_data_rejection drives every run: --checks may name response checks and negative_data_rejection, not binding_refusals\n']);
      const replayed = readReport(replayDir);
      expect(replayed.checks.map((check) => check.id)).toEqual(['not_a_server_error']);
      expect(replayed.failures.map((f) => [f.check, f.suite, f.operationId])).toContainEqual(['not_a_server_error', 'negative_data_rejection', failure.operationId]);
    } finally {
      await broken.close();
    }
  }, 60_000);

  it('should refuse a file that is not a report, and an unknown failure id', async () => {
    const notReport = join(temp(), 'x.json');
    writeFileSync(notReport, '{"hello":1}');
    const { io, err } = captureIo();
    expect(await main(['replay', notReport, 'F1'], io)).toBe(2);
    expect(err.join('')).toContain('REPORT_INVALID');
  });
});
