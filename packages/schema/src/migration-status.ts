import { connectClient } from './connect-client.js';
import { locateLedger } from './ledger/ledger-location.js';
import type { MigrationTarget } from './migration.js';
import { migrationRunOf, type MigrationSourceOptions } from './migration-run.js';
import { readLedger } from './internal/read-ledger.js';

export type MigrationState = 'applied' | 'pending' | 'modified' | 'unknown';

export interface MigrationStatusEntry {
  readonly version: string;
  readonly name: string;
  /** undefined for `unknown`: the ledger records a version this build does not ship. */
  readonly filename: string | undefined;
  /**
   * - `applied`: recorded in the ledger with the shipped file's checksum
   * - `pending`: shipped, not recorded
   * - `modified`: recorded, but the shipped file's checksum differs (migrate refuses to run)
   * - `unknown`: recorded, not shipped (migrate refuses to run)
   */
  readonly state: MigrationState;
  readonly shippedChecksum: string | undefined;
  readonly appliedChecksum: string | undefined;
  readonly appliedAt: Date | undefined;
  readonly appliedBy: string | undefined;
  readonly executionMs: number | undefined;
}

/** `migrations` (default: the shipped ones), their `ledger` and the `schema`, as for migrate. */
export type MigrationStatusOptions = MigrationSourceOptions;

/**
 * Compares the migrations with the ledger in the current schema (or `schema`), ordered by version. Read-only: takes no
 * lock.
 */
export async function migrationStatus(
  target: MigrationTarget,
  options: MigrationStatusOptions = {},
): Promise<readonly MigrationStatusEntry[]> {
  const { migrations, ledger: ledgerName, schema } = migrationRunOf(options);
  const client = await connectClient(target, schema);
  let ledger;
  try {
    ledger = (await readLedger(client, await locateLedger(client, ledgerName))) ?? [];
  } finally {
    await client.end();
  }
  const applied = new Map(ledger.map((row) => [row.version, row]));
  const shipped = new Set(migrations.map((migration) => migration.version));
  const entries: MigrationStatusEntry[] = migrations.map((migration) => {
    const row = applied.get(migration.version);
    return {
      version: migration.version,
      name: migration.name,
      filename: migration.filename,
      state: !row ? 'pending' : row.checksum === migration.checksum ? 'applied' : 'modified',
      shippedChecksum: migration.checksum,
      appliedChecksum: row?.checksum,
      appliedAt: row?.appliedAt,
      appliedBy: row?.appliedBy,
      executionMs: row?.executionMs,
    };
  });
  for (const row of ledger.filter((entry) => !shipped.has(entry.version))) {
    entries.push({
      version: row.version,
      name: row.name,
      filename: undefined,
      state: 'unknown',
      shippedChecksum: undefined,
      appliedChecksum: row.checksum,
      appliedAt: row.appliedAt,
      appliedBy: row.appliedBy,
      executionMs: row.executionMs,
    });
  }
  return entries.sort((a, b) => compareVersions(a.version, b.version));
}

function compareVersions(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
