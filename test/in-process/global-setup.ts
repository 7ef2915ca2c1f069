import { refreshPackagedContract } from '../../src/build/refresh-generated.js';

// Vitest's global set-up (vitest.config.ts): the sources import src/generated/packaged-contract.js, which a
// fresh clone lacks and an edited openapi.yaml makes stale; compile it once before any test file loads.
export default async function setup(): Promise<void> {
  if (await refreshPackagedContract()) process.stderr.write('global set-up: compiled src/generated/packaged-contract.js\n');
}
