import { loadMigrations } from '../src/load-migrations.js';

/**
 * The `define` that bakes the shipped release list into src/schema-releases.ts: the versions of the repository's
 * sql/ files, read with the same loader (and the same refusals of bad names and duplicates) as the runner.
 */
export function schemaReleasesDefine(): Record<string, string> {
  const versions = loadMigrations(new URL('../../../sql/', import.meta.url)).map((migration) => migration.version);
  return { __IPRS_SCHEMA_RELEASES__: JSON.stringify(versions) };
}
