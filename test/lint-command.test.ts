import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { defaultSpecPath } from '../src/spec/load-spec.js';

// Valid OpenAPI that breaks three contract rules: no operationId, a 404 served as text/plain, and a 200
// example whose `success` is not a boolean.
const BROKEN = `openapi: 3.1.0
info: { title: Broken, version: '1' }
paths:
  /things/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      security:
        - apiKey: [things:read]
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                type: object
                required: [success]
                properties: { success: { type: boolean }, data: { type: object } }
              examples:
                found: { value: { success: 'yes', data: {} } }
        '404':
          description: Not found.
          content:
            text/plain:
              schema: { type: string }
`;

async function run(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env: {},
    stopSignal: new Promise(() => {}),
  };
  const exitCode = await main(['lint', ...args], io);
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('flowyte-contract lint', () => {
  let dir: string;
  const fileIn = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flowyte-lint-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should exit 0 with the ok line on the packaged openapi.yaml', async () => {
    const file = defaultSpecPath();
    const result = await run(file);
    expect(result).toEqual({ exitCode: 0, stdout: expect.stringMatching(/^.+: ok \(\d+ operations\)\n$/), stderr: '' });
    expect(result.stdout.startsWith(`${file}: ok (`)).toBe(true);
  });

  it('should lint the packaged openapi.yaml when given no file', async () => {
    expect(await run()).toEqual(await run(defaultSpecPath()));
  });

  it('should exit 1 with one line per finding and a count', async () => {
    const file = await fileIn('broken.yaml', BROKEN);
    expect(await run(file)).toEqual({
      exitCode: 1,
      stdout: [
        `${file}: operation-id: GET /things/{id}: has no operationId`,
        `${file}: problem-json-errors: GET /things/{id} responses.404: ` +
          'has no application/problem+json content (offers text/plain)',
        `${file}: examples-valid: GET /things/{id} responses.200: ` +
          'application/json example "found" is invalid: /success must be boolean',
        '3 findings',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('should print each swagger-parser finding of a file that is not valid OpenAPI', async () => {
    const file = await fileIn('no-info.yaml', 'openapi: 3.1.0\npaths: {}\n');
    expect(await run(file)).toEqual({
      exitCode: 1,
      stdout: `${file}: swagger: #/ must have required property 'info'\n1 finding\n`,
      stderr: '',
    });
  });

  it('should print one swagger line for a YAML syntax error, without the code frame', async () => {
    const file = await fileIn('bad.yaml', 'openapi: 3.1.0\ninfo: [\n  bad: : yaml\n');
    const { exitCode, stdout } = await run(file);
    expect(exitCode).toBe(1);
    const [first, ...rest] = stdout.split('\n');
    expect(first?.startsWith(`${file}: swagger: Error parsing ${file}: `)).toBe(true);
    expect(rest).toEqual(['1 finding', '']);
  });

  it('should exit 2 with one line and no stack trace for a missing file', async () => {
    const missing = join(dir, 'nope.yaml');
    expect(await run(missing)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `flowyte-contract: SPEC_NOT_FOUND: no such spec file: ${missing}\n`,
    });
  });

  it('should exit 2 with one usage line for an unknown flag or a second file', async () => {
    for (const args of [['--frobnicate'], ['a.yaml', 'b.yaml']]) {
      const { exitCode, stdout, stderr } = await run(...args);
      expect({ exitCode, stdout }).toEqual({ exitCode: 2, stdout: '' });
      expect(stderr).toMatch(/^flowyte-contract: USAGE: [^\n]+\n$/);
    }
  });

  it('should print its usage and the rules for --help', async () => {
    const { exitCode, stdout } = await run('--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('usage: flowyte-contract lint [file]');
    const rules = [
      'operation-id',
      'single-scope',
      'problem-json-errors',
      'envelope-success-body',
      'examples-valid',
      'success-example',
    ];
    for (const rule of rules) {
      expect(stdout).toContain(rule);
    }
  });
});
