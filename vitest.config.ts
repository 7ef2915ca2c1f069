import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// globalSetup compiles src/generated/packaged-contract.js when it is missing or stale. Test files run in at least
// two workers: vitest's default (one less than the cores) would run them one after another on a 2-core machine,
// where much of a contract test's time is the other side of a socket (the default run: 298 s alone, 198 s in two).
export default defineConfig({
  test: {
    globalSetup: ['./test/in-process/global-setup.ts'],
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
