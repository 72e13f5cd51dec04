import { createDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from '@iprs/testkit';
import { inject, onTestFinished } from 'vitest';

/**
 * A new, empty database (from template0) on the run's server, dropped when the calling test finishes.
 * Most tests here need an empty database of their own, so this is called inside tests; testkit's
 * useEmptyDatabase() is for the top level of a file.
 */
export async function createEmptyDatabase(): Promise<string> {
  const { serverUrl, databasePrefix } = inject('iprsTestDatabase');
  const name = uniqueDatabaseName(databasePrefix);
  await createDatabase(serverUrl, name, { template: 'template0' });
  onTestFinished(() => dropDatabase(serverUrl, name));
  return databaseUrl(serverUrl, name);
}
