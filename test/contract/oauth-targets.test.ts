import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import type { MockCore } from '../../src/mock/core.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';
import type { MockRequest, MockResponse } from '../../src/mock/types.js';
import { captureIo, serveMock } from '../support/served-mock.js';
import { json, pathOf, text, withJson } from './broken-variants/helpers.js';

const OAUTH_CHECKS = 'idempotent_retries,catalog_consistency,stateful,positive_data_acceptance';
const APPROVE_PATH = '/test/oauth/approve';
const APPROVE_TOKEN = 'approve-token-Hq27xPz';

/**
 * A staging server's OAuth, played by the mock: connect answers a consent URL at the provider (which no program may
 * approve), and a test route approves an authorization given its oauthUrl and a token, as a staging setup offers.
 */
function stagingOAuth(core: MockCore, request: MockRequest): MockResponse {
  if (request.method === 'POST' && pathOf(request) === APPROVE_PATH) {
    if (request.headers['x-approve-token'] !== APPROVE_TOKEN) return { status: 403, headers: {}, body: '' };
    const state = new URL(JSON.parse(text(request)).oauthUrl).searchParams.get('state') ?? '';
    const form = new URLSearchParams({ state, decision: 'approve' }).toString();
    return core.handle({ method: 'POST', url: '/__mock/oauth/consent', headers: { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form) });
  }
  const response = core.handle(request);
  const oauthUrl = response.status === 200 && pathOf(request).endsWith('/connect') ? json(response)?.data?.oauthUrl : undefined;
  if (typeof oauthUrl !== 'string') return response;
  const state = new URL(oauthUrl).searchParams.get('state') ?? '';
  return withJson(response, { success: true, data: { oauthUrl: `https://accounts.provider.example/o/oauth2/auth?client_id=flowyte&state=${encodeURIComponent(state)}` } });
}

/** …and one whose approval route answers at once and takes the approval in 400 ms later. */
function stagingOAuthApprovingLater(core: MockCore, request: MockRequest): MockResponse {
  if (request.method !== 'POST' || pathOf(request) !== APPROVE_PATH) return stagingOAuth(core, request);
  setTimeout(() => stagingOAuth(core, request), 400);
  return { status: 202, headers: {}, body: '' };
}

/** …and one whose provision and pack install create the skills again when re-run, on OAuth kinds only. */
let reruns = 0;
function stagingOAuthRecreatingSkills(core: MockCore, request: MockRequest): MockResponse {
  const response = stagingOAuth(core, request);
  if (!/\/integrations\/google_[a-z]+\/(provision|pack\/install)$/.test(pathOf(request)) || response.status !== 200) return response;
  const body = json(response);
  return withJson(response, { ...body, data: body.data.map((item: { skill: { id: string } }) => ({ skill: { ...item.skill, id: `${item.skill.id}_${++reruns}` }, created: true })) });
}

async function runWith(wrap: typeof stagingOAuth, oauth: object | undefined, checks = OAUTH_CHECKS, data = BUILT_IN_DATA) {
  const mock = await serveMock(wrap, { mock: { data } });
  const directory = mkdtempSync(join(tmpdir(), 'flowyte-oauth-'));
  const config = join(directory, 'config.json');
  const approveUrl = `${mock.origin}${APPROVE_PATH}`;
  const resolved = JSON.parse(JSON.stringify(oauth ?? {}).replaceAll('APPROVE_URL', approveUrl));
  writeFileSync(config, JSON.stringify({ ...testConfigOf(data, mock.baseUrl), ...(oauth ? { oauth: resolved } : {}) }));
  const { io, out } = captureIo();
  try {
    const exitCode = await main(['test', '--config', config, '--seed', '7', '--runs', '30', '--report-dir', directory, '--checks', checks], { ...io, env: { APPROVE_TOKEN } });
    const report = JSON.parse(readFileSync(join(directory, 'report.json'), 'utf8')) as Report;
    return { exitCode, report, output: out.join(''), mock };
  } finally {
    await mock.close();
  }
}

const oauthProbes = (report: Report) => report.coverage.probesNotSent.filter((probe) => probe.probe.includes('connected through OAuth'));

const REQUEST_STEP = { approve: { request: { url: 'APPROVE_URL', headers: { 'content-type': 'application/json', 'x-approve-token': 'env:APPROVE_TOKEN' }, body: '{"oauthUrl": "{oauthUrl}"}' } } };
// A team's own script: here a node one-liner that posts the oauthUrl it is given to the approval route.
const COMMAND_STEP = {
  approve: {
    command: [process.execPath, '-e', "fetch(process.argv[1], { method: 'POST', headers: { 'x-approve-token': process.argv[3] }, body: JSON.stringify({ oauthUrl: process.argv[2] }) }).then((r) => process.exit(r.ok ? 0 : 1))", 'APPROVE_URL', '{oauthUrl}', 'env:APPROVE_TOKEN'],
  },
};

describe('OAuth kinds on a target that is not the mock', () => {
  it('should say which checks and operations went unexercised when no OAuth kind can be approved', async () => {
    const { exitCode, report, output } = await runWith(stagingOAuth, undefined);
    expect(report.failures, output).toEqual([]);
    expect(exitCode).toBe(0);
    const missed = oauthProbes(report);
    expect(new Set(missed.map((probe) => probe.check)), output).toEqual(new Set(OAUTH_CHECKS.split(',')));
    expect(missed.map((probe) => probe.probe)).toContain('provisionIntegrationActions on google_calendar connected through OAuth');
    for (const probe of missed) expect(probe.reason).toMatch(/no program may approve, and the config names no oauth.approve step nor pre-connected kinds/);
    expect(readFileSync(join(output.match(/reports in (\S+)/)![1]!, 'summary.md'), 'utf8')).toMatch(/Conformant on what was exercised/);
  }, 120_000);

  // A command starts a node process per approval: it drives the one suite that approves least often.
  it.each([
    ['an HTTP request', REQUEST_STEP, OAUTH_CHECKS],
    ['a command', COMMAND_STEP, 'catalog_consistency'],
  ])('should connect OAuth kinds through an approval step that is %s, and exercise what needs them', async (_, step, checks) => {
    const { exitCode, report, output } = await runWith(stagingOAuth, step, checks);
    expect(report.failures, output).toEqual([]);
    expect(exitCode).toBe(0);
    expect(oauthProbes(report), output).toEqual([]);
    expect(report.operations.find((op) => op.operationId === 'installIntegrationPack')!.observedStatuses).toContain(200);
  }, 120_000);

  it('should catch a deviation on OAuth-connected kinds only when an approval step is configured, and say so when none is', async () => {
    const approved = await runWith(stagingOAuthRecreatingSkills, REQUEST_STEP, 'idempotent_retries');
    expect(approved.report.failures.map((f) => f.check), approved.output).toContain('idempotent_retries');
    expect(approved.exitCode).toBe(1);
    const unapproved = await runWith(stagingOAuthRecreatingSkills, undefined, 'idempotent_retries');
    expect(unapproved.exitCode, unapproved.output).toBe(0);
    expect(oauthProbes(unapproved.report).map((probe) => probe.probe)).toEqual(
      expect.arrayContaining(['installIntegrationPack on google_calendar connected through OAuth', 'provisionIntegrationActions on google_sheets connected through OAuth']),
    );
  }, 180_000);

  it('should use kinds the config says are pre-connected, and never connect or disconnect them', async () => {
    const data = { ...BUILT_IN_DATA, connections: { acme: [{ kind: 'google_calendar' as const }, { kind: 'google_sheets' as const }], globex: [{ kind: 'google_calendar' as const }, { kind: 'google_sheets' as const }] } };
    const preconnected = { connected: { acme: ['google_calendar', 'google_sheets'], globex: ['google_calendar', 'google_sheets'] } };
    const { exitCode, report, output, mock } = await runWith(stagingOAuth, preconnected, OAUTH_CHECKS, data);
    expect(report.failures, output).toEqual([]);
    expect(exitCode).toBe(0);
    expect(oauthProbes(report).filter((probe) => probe.check !== 'stateful'), output).toEqual([]);
    for (const org of ['acme', 'globex']) for (const kind of ['google_calendar', 'google_sheets'] as const) expect(mock.core.store.connectionsOf(org).get(kind)?.status).toBe('connected');
    expect(report.coverage.probesNotSent.filter((probe) => probe.check === 'stateful').map((probe) => probe.probe)).toContain('sequences on google_calendar in acme');
  }, 120_000);

  it('should refuse a pre-connected kind the contract does not know, in one line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'flowyte-oauth-'));
    const config = join(directory, 'config.json');
    writeFileSync(config, JSON.stringify({ ...testConfigOf(BUILT_IN_DATA, 'http://127.0.0.1:9/api/v1'), oauth: { connected: { acme: ['google_calender'] } } }));
    const { io, err } = captureIo();
    expect(await main(['test', '--config', config, '--report-dir', directory], io)).toBe(2);
    expect(err.join('')).toMatch(/^flowyte-contract: CONFIG_INVALID: oauth.connected.acme names "google_calender", which is no integration kind of the contract \([a-z_, ]+\)\n$/);
  });

  it('should wait for an approval the target takes in a moment after its approval step answered', async () => {
    const { exitCode, report, output } = await runWith(stagingOAuthApprovingLater, REQUEST_STEP, 'stateful,idempotent_retries');
    expect(report.failures, output).toEqual([]);
    expect(exitCode).toBe(0);
    expect(oauthProbes(report), output).toEqual([]);
  }, 120_000);

  it('should refuse a config whose pre-connected kind the target does not show connected, before any suite runs', async () => {
    const mock = await serveMock(stagingOAuth);
    try {
      const directory = mkdtempSync(join(tmpdir(), 'flowyte-oauth-'));
      const config = join(directory, 'config.json');
      writeFileSync(config, JSON.stringify({ ...testConfigOf(BUILT_IN_DATA, mock.baseUrl), oauth: { connected: { acme: ['google_calendar'] } } }));
      const { io, err } = captureIo();
      expect(await main(['test', '--config', config, '--report-dir', directory], io)).toBe(2);
      expect(err.join('')).toBe('flowyte-contract: CONFIG_INVALID: oauth.connected says google_calendar is connected in acme, but its connection list shows google_calendar as absent: connect it there first, or leave it out\n');
    } finally {
      await mock.close();
    }
  }, 60_000);

  it("should never change a pre-connected kind's scoping", async () => {
    const data = { ...BUILT_IN_DATA, connections: { acme: [{ kind: 'google_calendar' as const, scoping: { blockedTables: ['keep_me'] } }] } };
    const { report, output, mock } = await runWith(stagingOAuth, { connected: { acme: ['google_calendar'] } }, 'scope_sufficient,negative_data_rejection,auth_required', data);
    expect(report.failures, output).toEqual([]);
    const kept = mock.core.store.connectionsOf('acme').get('google_calendar')!;
    expect([kept.status, kept.scoping.blockedTables]).toEqual(['connected', ['keep_me']]);
  }, 120_000);
});
