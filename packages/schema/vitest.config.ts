import { defineConfig } from 'vitest/config';
import { schemaReleasesDefine } from './tsup.config.js';

// The unit project needs no PostgreSQL (`vitest run --project unit`); every other test file is an integration test,
// run with the server and template database the global setup provides.
const unitTests = [
  'test/changesets.test.ts',
  'test/extract-migration-body.test.ts',
  'test/lazy-import.test.ts',
  'test/load-migrations.test.ts',
  'test/multi-host-url.test.ts',
  'test/redact-url.test.ts',
  'test/schema-docs.test.ts',
  'test/schema-releases.test.ts',
];

export default defineConfig({
  // The tests import src/, so they need the release list tsup bakes into dist/.
  define: schemaReleasesDefine(),
  test: {
    // Database work on a shared 2-core machine: generous bounds, never speed assertions.
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
