import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What the generated module is compiled from: the contract, the code that turns it into a document and
// validators, and the compilers' versions. A change to any of it makes the module stale: the tests' global
// set-up then compiles it again (the build always does).
const SOURCES = [
  'openapi.yaml',
  'src/spec/operations.ts',
  'src/spec/document-graph.ts',
  'src/validation/request-schemas.ts',
  'src/validation/create-ajv.ts',
  'src/build/standalone-validators.ts',
  'src/build/bundle-module.ts',
  'src/build/compile-contract.ts',
  'node_modules/ajv/package.json',
  'node_modules/ajv-formats/package.json',
  'node_modules/esbuild/package.json',
];

const HASH_LINE = /^\/\/ input-hash: ([0-9a-f]+)$/m;

/** A hash of SOURCES as they are under `root`. */
export function contractHash(root: string): string {
  return hashOf(root, SOURCES);
}

/** The banner line that records the hash at the top of a generated module. */
export function hashBanner(hash: string): string {
  return `// input-hash: ${hash}`;
}

/** The hash a generated module was compiled from, or undefined when there is no such module. */
export function generatedHash(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return HASH_LINE.exec(readFileSync(file, 'utf8').slice(0, 200))?.[1];
}

// A missing file hashes as absent, so that its appearing makes the module stale too.
function hashOf(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    hash.update(`${file}\u0000${existsSync(path) ? readFileSync(path, 'utf8') : '(absent)'}\u0000`);
  }
  return hash.digest('hex').slice(0, 32);
}
