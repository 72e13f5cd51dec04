import { MigrationChecksumMismatchError } from './errors/migration-checksum-mismatch-error.js';
import { UnknownMigrationError } from './errors/unknown-migration-error.js';
import type { Migration } from './migration.js';
import type { LedgerRow } from './internal/read-ledger.js';

/** Refuses a ledger that records migrations this build does not ship, or applied files that were edited since. */
export function verifyAppliedHistory(migrations: readonly Migration[], ledger: readonly LedgerRow[]): void {
  const shipped = new Map(migrations.map((migration) => [migration.version, migration]));
  const unknown = ledger.filter((row) => !shipped.has(row.version));
  if (unknown.length > 0) throw new UnknownMigrationError(unknown.map(({ version, name }) => ({ version, name })));
  const mismatches = ledger.flatMap((row) => {
    const migration = shipped.get(row.version);
    return migration && migration.checksum !== row.checksum
      ? [
          {
            version: row.version,
            filename: migration.filename,
            appliedChecksum: row.checksum,
            shippedChecksum: migration.checksum,
          },
        ]
      : [];
  });
  if (mismatches.length > 0) throw new MigrationChecksumMismatchError(mismatches);
}
