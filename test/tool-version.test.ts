import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { toolVersion } from '../src/cli/tool-version.js';
import { captureIo } from './support/served-mock.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function run(argv: string[]) {
  const { io, out, err } = captureIo();
  const exitCode = await main(argv, io);
  return { exitCode, out: out.join(''), err: err.join('') };
}

describe('the tool version', () => {
  it("should be the package.json's version", () => {
    expect(toolVersion()).toBe(PACKAGE_VERSION);
  });

  it('should be printed alone by --version, with exit status 0', async () => {
    expect(await run(['--version'])).toEqual({ exitCode: 0, out: `${PACKAGE_VERSION}\n`, err: '' });
  });

  it('should be offered in the top-level usage', async () => {
    const { exitCode, out } = await run(['--help']);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^ {2}--version +print the version and exit$/m);
  });
});
