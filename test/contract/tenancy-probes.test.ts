import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { BUILT_IN_DATA, testConfigOf, type MockData } from '../../src/mock/mock-data.js';
import { captureIo, serveMock } from '../support/served-mock.js';
import { pathOf, problem } from './broken-variants/helpers.js';

async function tenancyRun(data: MockData, wrap?: Parameters<typeof serveMock>[0]) {
  const mock = await serveMock(wrap, { mock: { data } });
  const directory = mkdtempSync(join(tmpdir(), 'flowyte-tenancy-'));
  const config = join(directory, 'config.json');
  writeFileSync(config, JSON.stringify(testConfigOf(data, mock.baseUrl)));
  const { io, out } = captureIo();
  try {
    const exitCode = await main(['test', '--config', config, '--seed', '7', '--runs', '30', '--report-dir', directory, '--checks', 'tenant_isolation'], io);
    return { exitCode, report: JSON.parse(readFileSync(join(directory, 'report.json'), 'utf8')) as Report, output: out.join('') };
  } finally {
    await mock.close();
  }
}

/** The mock, but every request to a path ending in `suffix` gets `answer`, whoever asks. */
const answering =
  (suffix: string, answer: ReturnType<typeof problem>): NonNullable<Parameters<typeof serveMock>[0]> =>
  (core, request) =>
    pathOf(request).endsWith(suffix) ? answer : core.handle(request);

/** The probes of one operation not sent (one per kind: `createIntegrationBinding on postgres from globex`), with their reasons. */
const reasonsOf = (missed: ReadonlyMap<string, string | undefined>, operationId: string) => new Map([...missed].filter(([probe]) => probe.startsWith(`${operationId} on `)));

const notSent = (report: Report) => new Map(report.coverage.probesNotSent.filter((probe) => probe.check === 'tenant_isolation').map((probe) => [probe.probe, probe.reason]));

describe('tenant_isolation probes that could fail', () => {
  it('should send every cross-organization attempt with a key holding its scope, and count each as a probe sent', async () => {
    const { exitCode, report, output } = await tenancyRun(BUILT_IN_DATA);
    expect(exitCode, output).toBe(0);
    expect(notSent(report)).toEqual(new Map());
    expect(report.coverage.probesSent).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('should report, not pass, the attempts no key of the other organization holds the scope for', async () => {
    // globex's only key lacks skills:write: an attempt to bind onto acme's agent would test the scope, not tenancy.
    const data = { ...BUILT_IN_DATA, keys: BUILT_IN_DATA.keys.map((key) => (key.org === 'globex' ? { ...key, scopes: key.scopes.filter((scope) => scope !== 'skills:write') } : key)) };
    const { exitCode, report, output } = await tenancyRun(data);
    expect(exitCode, output).toBe(0);
    const missed = notSent(report);
    for (const operationId of ['createIntegrationBinding', 'autoBindIntegration', 'provisionIntegrationActions', 'installIntegrationPack']) {
      const probes = reasonsOf(missed, operationId);
      expect(probes.size, output).toBeGreaterThan(0);
      for (const [probe, reason] of probes) expect(reason, probe).toBe('no key of globex holds skills:write');
    }
    expect(reasonsOf(missed, 'getIntegrationSchema').size).toBe(0);
  }, 60_000);

  it("should report an attempt on the agent as not arranged where the owner's own request does not succeed either", async () => {
    // A target whose providers ship no pack: a refused cross-organization install proves nothing there.
    const { exitCode, report, output } = await tenancyRun(BUILT_IN_DATA, answering('/pack/install', problem(404, 'Not found', { code: 'pack_not_found' })));
    expect(exitCode, output).toBe(0);
    const probes = reasonsOf(notSent(report), 'installIntegrationPack');
    expect(probes.size, output).toBeGreaterThan(0);
    for (const [probe, reason] of probes) expect(reason, probe).toBe('the same request from acme onto its own agent was answered 404 on this target, so a refusal proves nothing');
  }, 60_000);

  it('should name each probe by its kind, so that one kind arranged does not cover another that could not be', async () => {
    // Bindings on postgres are refused (422) whoever asks, the owner onto its own agent too: the binding attempt is not
    // arranged on postgres, while it is on mysql and shopify. Named by operation alone, those would have hidden it.
    const { exitCode, report, output } = await tenancyRun(BUILT_IN_DATA, answering('/integrations/postgres/bindings', problem(422, 'Unprocessable', { code: 'binding_invalid' })));
    expect(exitCode, output).toBe(0);
    const missed = notSent(report);
    expect([...reasonsOf(missed, 'createIntegrationBinding').keys()], output).toEqual(['createIntegrationBinding on postgres from globex']);
    expect(missed.get('createIntegrationBinding on postgres from globex')).toBe('the same request from acme onto its own agent was answered 422 on this target, so a refusal proves nothing');
    expect(reasonsOf(missed, 'autoBindIntegration').size).toBe(0);
  }, 60_000);
});
