import type { Migration } from '../migration.js';
import { migrations as shippedMigrations } from '../migrations.js';
import { compareReleases, manifests } from '../manifest/manifests.js';
import type { TableSnapshot } from '../manifest/schema-snapshot.js';

/**
 * The tables `migration` creates or changes, as its release's manifest describes them: those that are new in the
 * release or differ from the previous release. Undefined when `migration` is not a file this package ships (same
 * version and checksum), since only shipped files have a manifest.
 */
export function expectedTables(migration: Migration): readonly TableSnapshot[] | undefined {
  const shipped = shippedMigrations.find((candidate) => candidate.version === migration.version);
  if (!shipped || shipped.checksum !== migration.checksum) return undefined;
  const index = manifests.findIndex((manifest) => compareReleases(manifest.release, migration.version) === 0);
  const manifest = manifests[index];
  if (!manifest) return undefined;
  const previous = new Map((manifests[index - 1]?.schema.tables ?? []).map((table) => [table.name, table]));
  return manifest.schema.tables.filter((table) => JSON.stringify(previous.get(table.name)) !== JSON.stringify(table));
}
