import { connectClient } from './connect-client.js';
import { ensureLedger } from './ensure-ledger.js';
import { readCatalogModel } from './catalog/read-catalog-model.js';
import { AdoptionRefusedError } from './errors/adoption-refused-error.js';
import { LedgerExistsError } from './errors/ledger-exists-error.js';
import { locateLedger } from './ledger/ledger-location.js';
import { LEDGER_TABLE } from './ledger-table.js';
import { compareReleases, manifestForRelease } from './manifest/manifests.js';
import type { MigrationTarget } from './migration.js';
import { migrationRunOf } from './migration-run.js';
import { migrations as shippedMigrations } from './migrations.js';
import { readLedger } from './internal/read-ledger.js';
import { shapeDifferences } from './release-shape/shape-differences.js';
import { checkedLockTimeout } from './migrate.js';
import { withMigrationLock } from './with-migration-lock.js';

export interface AdoptOptions {
  /** The release the database was built to (`'002'`); default the newest this package ships. */
  readonly release?: string;
  /** The schema holding the tables; default the first existing schema of the connection's search_path. */
  readonly schema?: string;
  /** Recorded in the ledger's applied_by; defaults to the database session user. */
  readonly appliedBy?: string;
  /** As for migrate; default 60 s. */
  readonly lockTimeoutMs?: number;
  /**
   * Proves the catalog is the release before anything is written; throws to refuse. Called under the migration lock
   * with the schema that will hold the ledger. Default: every table of the release's manifest is checked with the
   * release shape check (columns, keys, foreign keys, CHECKs, indexes) — AdoptionRefusedError lists what differs.
   */
  readonly checkCatalog?: (schema: string) => Promise<void>;
}

export interface AdoptResult {
  readonly release: string;
  readonly schema: string;
  /** The ledger, schema-qualified, e.g. `public.iprs_schema_migrations`. */
  readonly ledger: string;
  /** The migrations now recorded as applied, with the shipped checksums. */
  readonly recorded: ReadonlyArray<{ readonly version: string; readonly name: string; readonly checksum: string }>;
}

/**
 * Adopts a database built without the runner (e.g. with `psql -f` of the shipped files): under the migration lock,
 * refuses when a ledger exists (LedgerExistsError), checks the catalog against `release` (AdoptionRefusedError), and
 * only then creates the ledger and records the shipped migrations up to `release` with their checksums, in one
 * transaction. It runs no migration.
 */
export async function adoptRelease(target: MigrationTarget, options: AdoptOptions = {}): Promise<AdoptResult> {
  const release = manifestForRelease(options.release);
  const lockTimeoutMs = checkedLockTimeout(options.lockTimeoutMs);
  const run = migrationRunOf(options.schema === undefined ? {} : { schema: options.schema });
  const recorded = shippedMigrations.filter((migration) => compareReleases(migration.version, release.release) <= 0);
  const client = await connectClient(target, run.schema);
  try {
    return await withMigrationLock(
      client,
      lockTimeoutMs,
      async () => {
        const location = await locateLedger(client, LEDGER_TABLE);
        const schema = location.schema;
        if (schema === null) {
          const missing = release.schema.tables.map((table) => ({
            table: table.name,
            objectType: 'table' as const,
            object: table.name,
            problem: 'is missing: no schema of the search_path exists',
          }));
          throw new AdoptionRefusedError(release.release, null, missing);
        }
        const ledgerRows = await readLedger(client, location);
        if (ledgerRows) throw new LedgerExistsError(location.displayName, ledgerRows.length);
        if (options.checkCatalog) {
          await options.checkCatalog(schema);
        } else {
          const expected = release.schema.tables;
          const catalog = await readCatalogModel(client, { schema, onlyTables: expected.map((table) => table.name) });
          const differences = shapeDifferences(expected, catalog);
          if (differences.length > 0) throw new AdoptionRefusedError(release.release, schema, differences);
        }
        await client.query('BEGIN');
        try {
          await ensureLedger(client, location);
          for (const migration of recorded) {
            await client.query(
              `INSERT INTO ${location.table} (version, name, checksum, applied_by, execution_ms)
               VALUES ($1, $2, $3, coalesce($4, session_user), 0)`,
              [migration.version, migration.name, migration.checksum, options.appliedBy ?? null],
            );
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        return {
          release: release.release,
          schema,
          ledger: location.displayName,
          recorded: recorded.map(({ version, name, checksum }) => ({ version, name, checksum })),
        };
      },
      run.lockKey,
    );
  } finally {
    await client.end();
  }
}
