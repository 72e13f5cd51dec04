import { defineConfig } from 'vitest/config';
import { schemaReleasesDefine } from './tsup.config.js';

export default defineConfig({
  // The tests import src/, so they need the release list tsup bakes into dist/.
  define: schemaReleasesDefine(),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Database work on a shared 2-core machine: generous bounds, never speed assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
