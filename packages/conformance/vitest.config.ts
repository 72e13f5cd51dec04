import { defineConfig } from 'vitest/config';

// The unit project needs no PostgreSQL (`vitest run --project unit`); every other test file is an integration test,
// run with the server and template database the global setup provides.
const unitTests = [
  'test/catalog-model.test.ts',
  'test/expression-meaning.test.ts',
  'test/simple-pattern.test.ts',
  'test/unmodelled-catalog.test.ts',
];

export default defineConfig({
  test: {
    // Database work on a shared 2-core machine: generous bounds, never speed assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    coverage: { include: ['src/**'] },
    projects: [
      { extends: true, test: { name: 'unit', include: unitTests } },
      {
        extends: true,
        test: {
          name: 'integration',
          // A negated include, not `exclude`: an exclude here would replace the one given on the command line.
          include: ['test/**/*.test.ts', ...unitTests.map((file) => `!${file}`)],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
