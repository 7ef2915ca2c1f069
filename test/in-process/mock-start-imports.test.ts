import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// `flowyte-contract mock` without --spec serves the contract compiled at build time, so its start-up must not
// load what compiling one takes: swagger-parser (with its own ajv) and ajv's compiler. Those are imported on
// demand, for --spec FILE only. Checked on the import graph: static imports from the CLI's entry point and the
// mock command, as Node loads them before the first request.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPILERS = /^(@apidevtools\/swagger-parser|ajv|ajv-formats|undici)(\/|$)/;

/** The packages reached from `entries` through static imports only (a dynamic import() is not followed). */
function staticPackages(metafile: Metafile, entries: readonly string[]): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else pending.push(imported.path);
    }
  }
  return [...packages].sort();
}

describe('the mock command\'s start-up', () => {
  it('should import neither swagger-parser nor ajv\'s compiler for the packaged contract', async () => {
    const { metafile } = await build({
      entryPoints: [`${ROOT}src/bin.ts`, `${ROOT}src/cli/mock-command.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: `${ROOT}dist/start-imports-test`,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const reached = staticPackages(metafile, ['src/bin.ts', 'src/cli/mock-command.ts']);
    expect(reached.filter((name) => COMPILERS.test(name))).toEqual([]);
    // Loaded on demand: the spec loader, for --spec FILE.
    expect(Object.keys(metafile.inputs)).toContain('src/spec/load-spec.ts');
  });
});
