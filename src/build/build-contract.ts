import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSpecPath } from '../spec/load-spec.js';
import { compileContract } from './compile-contract.js';
import { contractHash } from './input-hash.js';

// `node dist/src/build/build-contract.js`, the last step of `npm run build` (and build:dev): compiles the
// packaged openapi.yaml into dist/src/generated/, beside the compiled sources that import it, with its
// declaration, which tsc does not copy.
const generated = fileURLToPath(new URL('../generated/', import.meta.url));
const specPath = defaultSpecPath();
const root = dirname(specPath);
try {
  await compileContract({ specPath, root, hash: contractHash(root), outFile: join(generated, 'packaged-contract.js') });
  copyFileSync(join(root, 'src', 'generated', 'packaged-contract.d.ts'), join(generated, 'packaged-contract.d.ts'));
} catch (error) {
  process.stderr.write(`build-contract: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
