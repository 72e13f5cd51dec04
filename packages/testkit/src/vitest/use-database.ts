import { afterAll, inject } from 'vitest';
import { createDatabase } from '../create-database.js';
import { databaseUrl } from '../database-url.js';
import { dropDatabase } from '../drop-database.js';
import { uniqueDatabaseName } from '../unique-database-name.js';
import type { ProvidedTestDatabase } from './provided-test-database.js';

/**
 * A fresh database cloned from the prepared template, dropped after this test file. Call it at the top level of the
 * test file: `const databaseUrl = await useMigratedDatabase();`
 */
export function useMigratedDatabase(): Promise<string> {
  const provided = providedTestDatabase();
  return useDatabase(provided, provided.templateDatabase);
}

/** A fresh empty database (no migrations), dropped after this test file. Same usage as `useMigratedDatabase()`. */
export function useEmptyDatabase(): Promise<string> {
  return useDatabase(providedTestDatabase(), 'template0');
}

async function useDatabase(provided: ProvidedTestDatabase, template: string): Promise<string> {
  const name = uniqueDatabaseName(provided.databasePrefix);
  await createDatabase(provided.serverUrl, name, { template });
  afterAll(() => dropDatabase(provided.serverUrl, name));
  return databaseUrl(provided.serverUrl, name);
}

function providedTestDatabase(): ProvidedTestDatabase {
  const provided = inject('iprsTestDatabase') as ProvidedTestDatabase | undefined;
  if (!provided) {
    throw new Error(
      "@iprs/testkit: no test database was provided. Add `globalSetup: ['test/global-setup.ts']` to vitest.config.ts, " +
        'exporting createGlobalSetup() from @iprs/testkit/vitest (see packages/testkit/README.md).',
    );
  }
  return provided;
}
