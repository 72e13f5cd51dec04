import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Database work on a shared 2-core machine: generous bounds, never speed assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
