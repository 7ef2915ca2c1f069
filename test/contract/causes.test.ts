import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import type { MockCore } from '../../src/mock/core.js';
import type { MockRequest } from '../../src/mock/types.js';
import { captureIo, serveMock, writeTestConfig } from '../support/served-mock.js';
import { pathOf } from './broken-variants/helpers.js';

/** The bug of a server whose disconnect answers success and removes nothing. */
function disconnectKeepsTheConnection(core: MockCore, request: MockRequest) {
  const kind = request.method === 'DELETE' ? /^\/api\/v1\/integrations\/([a-z_]+)$/.exec(pathOf(request))?.[1] : undefined;
  const org = core.store.keys.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '')?.orgId;
  const kept = kind && org ? core.store.connectionsOf(org).get(kind as never) : undefined;
  const response = core.handle(request);
  if (kept && response.status < 300) core.store.connectionsOf(org!).set(kind as never, kept);
  return response;
}

async function runAll(checks: string) {
  const mock = await serveMock(disconnectKeepsTheConnection);
  const reportDir = mkdtempSync(join(tmpdir(), 'flowyte-report-'));
  const { io, out } = captureIo();
  try {
    const exitCode = await main(['test', '--config', writeTestConfig(mock.baseUrl), '--seed', '7', '--runs', '30', '--report-dir', reportDir, '--checks', checks], io);
    return { exitCode, report: JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report, output: out.join('') };
  } finally {
    await mock.close();
  }
}

describe('findings that name their cause', () => {
  it('should blame a disconnect that leaves the connection behind on disconnect, and not on the tenancy or connect checks of the runs after it', async () => {
    const { exitCode, report, output } = await runAll('stateful,tenant_isolation,connect_semantics,scope_enforced');
    expect(exitCode, output).toBe(1);
    // The clean-up that confirms every run left its lanes clean names the disconnect, the organization and the run.
    const disconnect = report.failures.filter((failure) => failure.check === 'stateful' && failure.operationId === 'disconnectIntegration');
    expect(disconnect.map((failure) => failure.message).join('\n'), output).toMatch(/^\w+ in \w+ stays listed \(connected\) after a disconnect: .*answered 200 \(found by the runner's clean-up after a \w+ run\)$/m);
    // A finding of the model names the steps its expectation rests on, and in which organization.
    for (const failure of report.failures.filter((f) => f.check === 'stateful' && f.operationId !== 'disconnectIntegration')) {
      expect(failure.message).toMatch(/the model rests on this sequence's steps as \w+ in \w+: /);
    }
    // The runs after it do not inherit the leftover: they are not run, and the report says why.
    expect(report.failures.filter((failure) => failure.check !== 'stateful'), output).toEqual([]);
    const skipped = report.coverage.probesNotSent.filter((probe) => probe.probe === 'every run from a clean start');
    expect(skipped.length, output).toBeGreaterThan(0);
    expect(skipped[0]!.reason).toMatch(/^a run was not run: \w+ \(connected\) left behind in \w+ by a \w+ run: /);
  }, 120_000);
});
