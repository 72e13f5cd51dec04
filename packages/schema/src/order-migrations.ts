import { MigrationSourceError } from './errors/migration-source-error.js';
import type { Migration } from './migration.js';

/** Sorts by the numeric value of the version prefix and refuses malformed or duplicate versions. */
export function orderMigrations(migrations: readonly Migration[]): readonly Migration[] {
  const byNumber = new Map<bigint, Migration>();
  for (const migration of migrations) {
    if (!/^\d+$/.test(migration.version)) {
      throw new MigrationSourceError(migration.filename, `version "${migration.version}" is not a decimal number`);
    }
    const number = BigInt(migration.version);
    const clash = byNumber.get(number);
    if (clash) {
      throw new MigrationSourceError(
        migration.filename,
        `version ${migration.version} is also used by ${clash.filename}`,
      );
    }
    byNumber.set(number, migration);
  }
  return [...byNumber.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, migration]) => migration);
}
