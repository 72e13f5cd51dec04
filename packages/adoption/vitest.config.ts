import { defineConfig } from 'vitest/config';

// npm installs into scratch projects dominate: a generous timeout, and beforeAll installs once per file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
