import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadTestConfig, parseTestConfig } from '../src/contract/config.js';
import { ToolError } from '../src/tool-errors.js';
import { captureIo, writeTestConfig } from './support/served-mock.js';

const PASSWORD = 's3cretpw';
const KEYS = [{ name: 'acme_admin', token: 'flowyte_sk_test_acme_admin', org: 'acme', scopes: ['integrations:read'] }];

/** The CONFIG_INVALID message parseTestConfig throws for this target (in the file, or as --target). */
function refusal(target: string, from: 'file' | '--target' = 'file'): string {
  try {
    if (from === 'file') parseTestConfig({ target, keys: KEYS }, 'config.yaml', {});
    else parseTestConfig({ target: 'http://127.0.0.1:4010/api/v1', keys: KEYS }, 'config.yaml', {}, target);
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe('CONFIG_INVALID');
    return (error as ToolError).message;
  }
  throw new Error(`${target} was accepted`);
}

async function runTest(args: string[]) {
  const { io, out, err } = captureIo();
  const exitCode = await main(['test', ...args], io);
  return { exitCode, out: out.join(''), err: err.join('') };
}

describe('the test config', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should refuse a target with user:password@, naming neither', () => {
    const message = refusal(`http://alice:${PASSWORD}@127.0.0.1:4010/api/v1`);
    expect(message).toBe(
      `config.yaml: the target "http://***@127.0.0.1:4010/api/v1" must not carry user info (user:password@): put credentials in the config's keys`,
    );
  });

  it('should refuse a target with a user and no password, and a --target with user info', () => {
    expect(refusal('https://alice@staging.example.com/api/v1')).toMatch(/^config\.yaml: the target "https:\/\/\*\*\*@staging\.example\.com\/api\/v1" must not carry user info/);
    expect(refusal(`http://alice:${PASSWORD}@127.0.0.1:1/api/v1`, '--target')).toMatch(/^--target: the target "http:\/\/\*\*\*@127\.0\.0\.1:1\/api\/v1" must not carry user info/);
  });

  it.each([
    [`http://alice:${PASSWORD}@`, 'is not a URL'],
    [`http://alice:s3c/retpw@127.0.0.1/api/v1`, 'is not a URL'],
    [`ftp://alice:${PASSWORD}@127.0.0.1/api/v1`, 'is not http(s)'],
    [`alice:${PASSWORD}@127.0.0.1/api/v1`, 'is not http(s)'],
  ])('should quote %s without its password when refusing it', (target, reason) => {
    for (const from of ['file', '--target'] as const) {
      const message = refusal(target, from);
      expect(message).toContain(reason);
      expect(message).not.toMatch(/s3c|retpw/);
    }
  });

  it('should never print the password of a target it refuses', () => {
    // Passwords start with letters: in `http://u:1234#x@host`, 1234 is the port of host u and #x@host a fragment.
    const password = fc.string({ unit: 'grapheme-ascii', minLength: 4 }).map((text) => `PW${text}`);
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'ftp://', 'http:', ''), password, fc.constantFrom('127.0.0.1:4010', ''), fc.constantFrom('file', '--target' as const), (scheme, secret, host, from) => {
        expect(refusal(`${scheme}user:${secret}@${host}/api/v1`, from as 'file' | '--target')).not.toContain(secret);
      }),
    );
  });

  it('should print no yaml warning, which would quote the line with the URL', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const path = join(mkdtempSync(join(tmpdir(), 'flowyte-config-')), 'config.yaml');
    writeFileSync(path, `target: !secret http://127.0.0.1:4010/api/v1 # ${PASSWORD}\nkeys: ${JSON.stringify(KEYS)}\n`);
    expect(loadTestConfig(path, {}).target).toBe('http://127.0.0.1:4010/api/v1');
    expect(emitWarning).not.toHaveBeenCalled();
  });

  describe('the oauth section', () => {
    const TARGET = 'http://127.0.0.1:4010/api/v1';
    const TWO_ORGS = [...KEYS, { name: 'other_admin', token: 'env:OTHER_ADMIN_KEY', org: 'other', scopes: ['integrations:read'] }];
    const ENV = { APPROVE_TOKEN: 'tok_approve_secret', SCRIPT_SECRET: 'script_secret_value', OTHER_ADMIN_KEY: 'flowyte_sk_test_other_admin' };
    const parseOAuth = (oauth: unknown, env: Record<string, string> = ENV) => parseTestConfig({ target: TARGET, keys: TWO_ORGS, oauth }, 'config.yaml', env).oauth;

    /** The CONFIG_INVALID message parseTestConfig throws for this oauth section. */
    function oauthRefusal(oauth: unknown, env: Record<string, string> = ENV): string {
      try {
        parseOAuth(oauth, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ToolError);
        expect((error as ToolError).code).toBe('CONFIG_INVALID');
        return (error as ToolError).message;
      }
      throw new Error(`${JSON.stringify(oauth)} was accepted`);
    }

    it('should default to no pre-connected kinds and no approval step (the mock\'s consent page alone)', () => {
      expect(parseTestConfig({ target: TARGET, keys: KEYS }, 'config.yaml', {}).oauth).toEqual({ connected: {} });
      expect(parseOAuth({})).toEqual({ connected: {} });
    });

    it('should read the kinds connected per organization', () => {
      expect(parseOAuth({ connected: { acme: ['google_calendar', 'google_sheets'], other: [] } })).toEqual({ connected: { acme: ['google_calendar', 'google_sheets'], other: [] } });
    });

    it('should read a request step: POST and 30 s by default, headers from env:, placeholders left in place', () => {
      const approve = { request: { url: 'https://staging.example.com/test/oauth/approve?kind={kind}', headers: { 'x-approve-token': 'env:APPROVE_TOKEN', accept: 'text/plain' }, body: '{"oauthUrl": "{oauthUrl}"}' } };
      expect(parseOAuth({ approve })?.approve).toEqual({
        request: { method: 'POST', url: 'https://staging.example.com/test/oauth/approve?kind={kind}', headers: { 'x-approve-token': 'tok_approve_secret', accept: 'text/plain' }, body: '{"oauthUrl": "{oauthUrl}"}' },
        timeoutMs: 30_000,
      });
      expect(parseOAuth({ approve: { request: { method: 'patch', url: 'http://127.0.0.1:9/approve' } } })?.approve).toEqual({ request: { method: 'PATCH', url: 'http://127.0.0.1:9/approve', headers: {} }, timeoutMs: 30_000 });
    });

    it('should read a command step with its arguments from env: and its own time limit', () => {
      expect(parseOAuth({ connected: { acme: ['google_sheets'] }, approve: { command: ['node', 'scripts/approve.mjs', '{oauthUrl}', 'env:SCRIPT_SECRET'], timeoutMs: 90_000 } })).toEqual({
        connected: { acme: ['google_sheets'] },
        approve: { command: ['node', 'scripts/approve.mjs', '{oauthUrl}', 'script_secret_value'], timeoutMs: 90_000 },
      });
    });

    it.each([
      ['both a request and a command', { approve: { request: { url: 'https://staging.example.com/approve' }, command: ['node', 'approve.mjs'] } }, 'config.yaml: oauth.approve must have exactly one of request and command'],
      ['neither a request nor a command', { approve: { timeoutMs: 1000 } }, 'config.yaml: oauth.approve must have exactly one of request and command'],
      ['an organization no key has', { connected: { acme: ['google_calendar'], acme_staging: ['google_sheets'] } }, 'config.yaml: oauth.connected names "acme_staging", an organization no key has'],
      ['an empty kind', { connected: { acme: [''] } }, 'config.yaml: oauth.connected.acme[0] must NOT have fewer than 1 characters'],
      ['a misspelt field', { approve: { request: { url: 'https://staging.example.com/approve', header: {} } } }, 'config.yaml: oauth.approve.request.header is not a known field'],
      ['an empty command', { approve: { command: [] } }, 'config.yaml: oauth.approve.command must NOT have fewer than 1 items'],
      ['a time limit of 0', { approve: { command: ['approve'], timeoutMs: 0 } }, 'config.yaml: oauth.approve.timeoutMs must be >= 1'],
      ['a header name with a space', { approve: { request: { url: 'https://staging.example.com/approve', headers: { 'x token': 'value' } } } }, 'config.yaml: oauth.approve.request.headers: "x token" is not a header name'],
      ['a body with GET', { approve: { request: { method: 'GET', url: 'https://staging.example.com/approve', body: '{}' } } }, 'config.yaml: oauth.approve.request.body cannot go with method GET'],
    ])('should refuse %s', (_what, oauth, message) => {
      expect(oauthRefusal(oauth)).toBe(message);
    });

    it.each([
      ['ftp://staging.example.com/approve?token=tok_in_url', 'is not http(s)'],
      ['staging.example.com/approve?token=tok_in_url', 'is not a URL'],
      [`https://approver:${PASSWORD}@staging.example.com/approve?token=tok_in_url`, 'must not carry user info (user:password@): send credentials in headers, as env:VAR'],
    ])('should refuse the url %s without quoting it', (url, reason) => {
      const message = oauthRefusal({ approve: { request: { url } } });
      expect(message).toBe(`config.yaml: oauth.approve.request.url ${reason}`);
    });

    it('should name the header or argument whose variable is not set, and no secret', () => {
      const env = { APPROVE_TOKEN: 'tok_approve_secret', OTHER_ADMIN_KEY: 'flowyte_sk_test_other_admin' };
      const header = oauthRefusal({ approve: { request: { url: 'https://staging.example.com/approve', headers: { authorization: 'env:APPROVE_TOKEN', 'x-extra': 'env:MISSING_VAR' } } } }, env);
      expect(header).toBe('config.yaml: oauth.approve.request.headers.x-extra reads its value from $MISSING_VAR, which is not set');
      const argument = oauthRefusal({ approve: { command: ['node', 'env:APPROVE_TOKEN', 'env:SCRIPT_SECRET'] } }, env);
      expect(argument).toBe('config.yaml: oauth.approve.command[2] reads its value from $SCRIPT_SECRET, which is not set');
      for (const message of [header, argument]) expect(message).not.toMatch(/tok_approve_secret|flowyte_sk_test/);
    });
  });

  describe('the replay section', () => {
    const TARGET = 'http://127.0.0.1:4010/api/v1';
    const STAGING_FINGERPRINT = '3f9c1a0b7d2e';
    const parseReplay = (replay: unknown) => parseTestConfig({ target: TARGET, keys: KEYS, replay }, 'config.yaml', {}).replay;

    function replayRefusal(replay: unknown): string {
      try {
        parseReplay(replay);
      } catch (error) {
        expect(error).toBeInstanceOf(ToolError);
        expect((error as ToolError).code).toBe('CONFIG_INVALID');
        return (error as ToolError).message;
      }
      throw new Error(`${JSON.stringify(replay)} was accepted`);
    }

    it('should be left out when the file has none, and read recorded key fingerprints mapped to key names', () => {
      expect(parseTestConfig({ target: TARGET, keys: KEYS }, 'config.yaml', {})).not.toHaveProperty('replay');
      expect(parseReplay({})).toEqual({ keys: {} });
      expect(parseReplay({ keys: { [STAGING_FINGERPRINT]: 'acme_admin' } })).toEqual({ keys: { [STAGING_FINGERPRINT]: 'acme_admin' } });
    });

    it.each([
      ['a key name the config does not have', { keys: { [STAGING_FINGERPRINT]: 'acme_staging' } }, `config.yaml: replay.keys.${STAGING_FINGERPRINT} must be the name of one of the config's keys`],
      ['an empty key name', { keys: { [STAGING_FINGERPRINT]: '' } }, `config.yaml: replay.keys.${STAGING_FINGERPRINT} must be the name of one of the config's keys`],
      ['a key name that is not a string', { keys: { [STAGING_FINGERPRINT]: ['acme_admin'] } }, `config.yaml: replay.keys.${STAGING_FINGERPRINT} must be the name of one of the config's keys`],
      ['a misspelt field', { key: {} }, 'config.yaml: replay.key is not a known field'],
      ['keys that are not a map', { keys: ['acme_admin'] }, 'config.yaml: replay.keys must be object'],
    ])('should refuse %s, naming the field', (_what, replay, message) => {
      expect(replayRefusal(replay)).toBe(message);
    });

    it('should quote neither side of an entry it refuses: a key may have been pasted on either', () => {
      const pasted = 'flowyte_sk_live_pasted_by_mistake';
      const asFingerprint = replayRefusal({ keys: { [STAGING_FINGERPRINT]: 'acme_admin', [pasted]: 'acme_admin' } });
      expect(asFingerprint).toBe('config.yaml: replay.keys entry 2 is not named by a key fingerprint (12 lower-case hex digits, as proxy --record writes after flowyte-redacted:)');
      expect(replayRefusal({ keys: { '3F9C1A0B7D2E': 'acme_admin' } })).toMatch(/entry 1 is not named by a key fingerprint/);
      for (const value of [pasted, '', 42]) expect(replayRefusal({ keys: { [pasted]: value } })).not.toContain(pasted);
      expect(replayRefusal({ keys: { [STAGING_FINGERPRINT]: pasted } })).not.toContain(pasted);
    });
  });

  describe('through `flowyte-contract test`', () => {
    it.each([
      ['in the config file', [], `http://u:${PASSWORD}@127.0.0.1:1/api/v1`],
      ['as --target', ['--target', `http://u:${PASSWORD}@127.0.0.1:1/api/v1`], 'http://127.0.0.1:1/api/v1'],
      ['as a --target that is not a URL', ['--target', `http://u:${PASSWORD}@`], 'http://127.0.0.1:1/api/v1'],
    ])('should refuse user info %s in one line that holds no password', async (_where, flags, fileTarget) => {
      const { exitCode, out, err } = await runTest(['--config', writeTestConfig(fileTarget), ...flags, '--report-dir', mkdtempSync(join(tmpdir(), 'flowyte-report-'))]);
      expect(exitCode).toBe(2);
      expect(err).toMatch(/^flowyte-contract: CONFIG_INVALID: [^\n]*\n$/);
      expect(out + err).not.toContain(PASSWORD);
    });
  });
});
