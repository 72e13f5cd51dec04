import type pg from 'pg';
import { readCatalogModel } from '../catalog/read-catalog-model.js';
import { MigrationShapeMismatchError } from '../errors/migration-shape-mismatch-error.js';
import type { Migration } from '../migration.js';
import { expectedTables } from './expected-tables.js';
import type { SameExpression } from './same-expression.js';
import { shapeDifferences } from './shape-differences.js';

/**
 * Run inside the migration's transaction, after its body: throws MigrationShapeMismatchError when the tables the
 * release creates or changes differ from its manifest, so a guarded `CREATE … IF NOT EXISTS` that kept a wrong,
 * pre-existing object is rolled back instead of recorded. One read of the catalog model (of those tables only), in a
 * savepoint; nothing for files this package does not ship. Only when the same text finds differences is
 * `loadSameExpression` (if given) asked for a judge of defaults and CHECKs spelled otherwise.
 */
export async function checkReleaseShape(
  client: pg.Client,
  migration: Migration,
  schema: string,
  loadSameExpression: (() => Promise<SameExpression>) | undefined,
): Promise<void> {
  const expected = expectedTables(migration);
  if (!expected || expected.length === 0) return;
  const catalog = await readCatalogModel(client, {
    schema,
    onlyTables: expected.map((table) => table.name),
    insideTransaction: true,
  });
  let differences = shapeDifferences(expected, catalog);
  if (differences.length > 0 && loadSameExpression) {
    differences = shapeDifferences(expected, catalog, await loadSameExpression());
  }
  if (differences.length > 0) throw new MigrationShapeMismatchError(migration.version, migration.filename, differences);
}
