import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defaultSpecPath } from '../../src/spec/load-spec.js';

// The contract as a frontend developer consumes it: openapi-typescript turns openapi.yaml into `paths` and
// `components`, openapi-fetch types every call from them. walkthrough.ts walks the documented flow in ordinary
// code that must compile; must-not-compile.ts holds calls the contract forbids, each under `@ts-expect-error`.
// Offline: generation reads only openapi.yaml, and tsc only local files.
const SPEC = defaultSpecPath();
const ROOT = dirname(SPEC);
const HERE = dirname(fileURLToPath(import.meta.url));
// Where test/typed-client/tsconfig.json maps `@generated/flowyte-openapi` (kept out of the repository).
const GENERATED = join(ROOT, 'node_modules', '.cache', 'flowyte-contract', 'typed-client', 'openapi.ts');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

async function generateTypes(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(SPEC));
  const banner = `${COMMENT_HEADER}// Generated from openapi.yaml by test/typed-client/typed-client.test.ts.\n\n`;
  const source = `${banner}${astToString(ast)}`;
  await mkdir(dirname(GENERATED), { recursive: true });
  await writeFile(GENERATED, source);
  return source;
}

/** `tsc -p test/typed-client/tsconfig.json --strict --noEmit`: its exit code and everything it printed. */
function typeCheck(): Promise<{ exitCode: number; output: string }> {
  const args = [TSC, '-p', join(HERE, 'tsconfig.json'), '--strict', '--noEmit', '--pretty', 'false'];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ exitCode, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** Every cast, non-null assertion and `@ts-` directive of a file: what ordinary code must do without. */
async function escapeHatches(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`line ${line + 1}: ${what}: ${node.getText(source)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) && node.type.getText(source) !== 'const') report(node, 'cast');
    if (ts.isTypeAssertionExpression(node)) report(node, 'cast');
    if (ts.isNonNullExpression(node)) report(node, 'non-null assertion');
    ts.forEachChild(node, visit);
  };
  visit(source);
  text.split('\n').forEach((line, index) => {
    if (/@ts-(ignore|expect-error|nocheck)/.test(line)) found.push(`line ${index + 1}: directive: ${line.trim()}`);
  });
  return found;
}

describe('typed client (openapi-typescript + openapi-fetch)', () => {
  it('should walk the flow in ordinary code: no cast, no non-null assertion, no @ts- directive', async () => {
    expect(await escapeHatches(join(HERE, 'walkthrough.ts'))).toEqual([]);
  });

  it('should type-check the walkthrough and refuse every forbidden call under tsc --strict', async () => {
    const source = await generateTypes();
    expect(source).toContain('export interface paths');
    // An unused `@ts-expect-error` in must-not-compile.ts is an error too, so exit 0 proves both files.
    expect(await typeCheck()).toEqual({ exitCode: 0, output: '' });
  }, 30_000);
});
