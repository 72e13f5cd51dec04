import { defineConfig } from 'vitest/config';

// The unit project needs no PostgreSQL (`vitest run --project unit`); every other test file is an integration test,
// run with the server and template database the global setup provides.
const unitTests = [
  'test/decimal-limits.test.ts',
  'test/error-brand.test.ts',
  'test/feeds-validation.test.ts',
  'test/lineage-openlineage.test.ts',
  'test/normalize-decimal.test.ts',
  'test/parse-position-input.test.ts',
  'test/public-api.test.ts',
  'test/ratings-scales.test.ts',
  'test/read-only-statement.test.ts',
  'test/reference-identifier-prefixes.test.ts',
  'test/reference-identifiers.test.ts',
  'test/seen-ids.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
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
