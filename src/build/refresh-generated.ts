import { dirname, join } from 'node:path';
import { defaultSpecPath } from '../spec/load-spec.js';
import { compileContract } from './compile-contract.js';
import { contractHash, generatedHash } from './input-hash.js';

/**
 * Compiles src/generated/packaged-contract.js when it is missing or stale, for code run from source (vitest's
 * global set-up): a fresh clone has none, and an edited openapi.yaml makes it stale. Answers whether it did.
 */
export async function refreshPackagedContract(): Promise<boolean> {
  const specPath = defaultSpecPath();
  const root = dirname(specPath);
  const outFile = join(root, 'src', 'generated', 'packaged-contract.js');
  const hash = contractHash(root);
  if (generatedHash(outFile) === hash) return false;
  await compileContract({ specPath, root, hash, outFile });
  return true;
}
