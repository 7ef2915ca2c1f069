import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFlow } from './flow.js';

// The package's entry points bundled for a browser, as an app's bundler would: every module they reach must
// resolve without Node's builtins (esbuild fails on one for platform 'browser'), and the Node-only
// machinery the CLI uses (swagger-parser, undici, the YAML reader, ajv's compiler) must stay out.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = { index: `${ROOT}src/index.ts`, msw: `${ROOT}src/msw.ts` };
const NODE_ONLY = /node_modules\/(@apidevtools\/swagger-parser|undici|yaml)\//;
const AJV_COMPILER = /node_modules\/ajv\/dist\/(ajv|2020|core|compile\/index)\.js$/;

async function bundle(entryPoints: Record<string, string>, format: 'esm' | 'iife') {
  return build({
    entryPoints,
    bundle: true,
    platform: 'browser',
    format,
    ...(format === 'iife' ? { globalName: 'flowyte' } : { splitting: true }),
    outdir: `${ROOT}dist/browser-bundle-test`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

/** The input files each entry point reaches. */
function inputsOf(metafile: Metafile, entry: string): string[] {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint?.endsWith(entry));
  if (!output) throw new Error(`no output for ${entry}`);
  const chunks = [output, ...output.imports.map((imported) => metafile.outputs[imported.path]).filter((chunk) => chunk !== undefined)];
  return [...new Set(chunks.flatMap((chunk) => Object.keys(chunk.inputs)))];
}

describe('the package for a browser', () => {
  let metafile: Metafile;
  beforeAll(async () => {
    metafile = (await bundle(ENTRIES, 'esm')).metafile;
  }, 60_000);

  it.each(['src/index.ts', 'src/msw.ts'])('should bundle %s for a browser without Node builtins or the CLI\'s machinery', (entry) => {
    const inputs = inputsOf(metafile, entry);
    expect(inputs).toContain('src/generated/packaged-contract.js');
    expect(inputs.filter((input) => input.startsWith('node:') || NODE_ONLY.test(input))).toEqual([]);
    expect(inputs.filter((input) => AJV_COMPILER.test(input))).toEqual([]);
  });

  it('should serve the flow from the bundle in a context with web APIs only (no Buffer, process or require)', async () => {
    const [output] = (await bundle({ index: ENTRIES.index }, 'iife')).outputFiles;
    const web = { URL, URLSearchParams, TextEncoder, TextDecoder, crypto, Request, Response, Headers, AbortController, AbortSignal, DOMException, setTimeout, clearTimeout, btoa, atob, console, queueMicrotask, structuredClone };
    const context: Record<string, unknown> = { ...web };
    context.globalThis = context;
    const exported = runInNewContext(`${output!.text}; flowyte`, context) as typeof import('../../src/index.js');
    await checkFlow(exported.createFetchHandler(), 'http://localhost:4010/api/v1');
  });
});
