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
