import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Bundles an entry module and the in-memory modules it imports (`flowyte:NAME`: ajv standalone code, which
 * is CommonJS and `require`s ajv's runtime helpers and ajv-formats' formats) into one ES module that imports
 * nothing, so it runs in Node, a browser or a service worker alike, and writes it to `outFile`.
 */
export async function writeBundledModule(options: {
  entry: string;
  modules: Readonly<Record<string, string>>;
  root: string;
  banner: string;
  outFile: string;
}): Promise<void> {
  const bundled = await build({
    stdin: { contents: options.entry, resolveDir: options.root, sourcefile: 'generated-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    banner: { js: options.banner },
    plugins: [virtualModules(options.root, options.modules)],
  });
  const [output] = bundled.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  // Written beside, then renamed: a test run starting meanwhile sees the old module or the new one, never half.
  mkdirSync(dirname(options.outFile), { recursive: true });
  const partial = `${options.outFile}.${process.pid}.partial`;
  writeFileSync(partial, output.text);
  renameSync(partial, options.outFile);
}

function virtualModules(root: string, modules: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'flowyte-generated-modules',
    setup(builder) {
      builder.onResolve({ filter: /^flowyte:/ }, (args) => ({ path: args.path, namespace: 'flowyte' }));
      builder.onLoad({ filter: /.*/, namespace: 'flowyte' }, (args) => ({ contents: modules[args.path], loader: 'js', resolveDir: root }));
    },
  };
}
