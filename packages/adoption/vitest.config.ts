import { defineConfig } from 'vitest/config';

// Every test here is an integration test: packed tarballs, npm installs and PostgreSQL. The npm installs into scratch
// projects dominate: a generous timeout, and beforeAll installs once per file.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
