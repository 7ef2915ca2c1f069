import { defineConfig } from 'vitest/config';

// The only setting: compile src/generated/packaged-contract.js when it is missing or stale.
export default defineConfig({
  test: {
    globalSetup: ['./test/in-process/global-setup.ts'],
  },
});
