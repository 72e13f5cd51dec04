import type pg from 'pg';
import { connectClient } from './connect-client.js';
import { extractMigrationBody } from './extract-migration-body.js';
import { locateLedger, type LedgerLocation } from './ledger/ledger-location.js';
import type { Migration, MigrationTarget } from './migration.js';
import { migrationRunOf, migrationsUpTo, type MigrationRun, type MigrationSourceOptions } from './migration-run.js';
import { readLedger, type LedgerRow } from './internal/read-ledger.js';
import { verifyAppliedHistory } from './verify-applied-history.js';

/** One migration the plan would apply. */
export interface PlannedMigration {
  readonly version: string;
  readonly name: string;
  readonly filename: string;
  /** SHA-256 of the file: what the ledger will record. */
  readonly checksum: string;
  /** The file's text, as it would run (inside the runner's own transaction). */
  readonly sql: string;
}

export interface MigrationPlan {
  /**
   * The schema the migrations create their tables (and the ledger) in: the `schema` option (created by migrate when
   * missing), else the first existing schema of the search_path; null when there is none.
   */
  readonly schema: string | null;
  /** The ledger, schema-qualified, e.g. `public.iprs_schema_migrations`. */
  readonly ledger: string;
  /** Whether the ledger table exists yet (migrate creates it with the first migration it applies). */
  readonly ledgerExists: boolean;
  /** What migrate would apply, in order; empty when the database is up to date. */
  readonly pending: readonly PlannedMigration[];
  /** Versions already recorded in the ledger. */
  readonly alreadyApplied: readonly string[];
}

export interface PlanOptions extends MigrationSourceOptions {
  /** Plan up to and including this version; defaults to all. */
  readonly to?: string;
}

/**
 * What `migrate` with the same options would apply, without applying or writing anything (no ledger, no lock): the
 * pending migrations with their checksums and SQL. Refuses, as migrate would, edited or unknown applied migrations
 * (MigrationChecksumMismatchError, UnknownMigrationError) and pending files without their BEGIN;/COMMIT; wrapper.
 */
export async function planMigrations(target: MigrationTarget, options: PlanOptions = {}): Promise<MigrationPlan> {
  const run = migrationRunOf(options);
  const wanted = migrationsUpTo(run.migrations, options.to);
  const client = await connectClient(target, run.schema);
  try {
    return (await readPlan(client, run, wanted)).plan;
  } finally {
    await client.end();
  }
}

export interface ReadPlan {
  readonly plan: MigrationPlan;
  readonly location: LedgerLocation;
  readonly ledgerRows: readonly LedgerRow[] | undefined;
  /** The pending migrations with their bodies (the file with BEGIN;/COMMIT; blanked), checked before the first runs. */
  readonly pending: ReadonlyArray<{ readonly migration: Migration; readonly body: string }>;
}

/** Reads the ledger and works out the plan; migrate calls it under the lock, planMigrations without. */
export async function readPlan(client: pg.Client, run: MigrationRun, wanted: readonly Migration[]): Promise<ReadPlan> {
  const location = await locateLedger(client, run.ledger);
  const ledgerRows = await readLedger(client, location);
  verifyAppliedHistory(run.migrations, ledgerRows ?? []);
  const appliedVersions = new Set((ledgerRows ?? []).map((row) => row.version));
  const pending = wanted
    .filter((migration) => !appliedVersions.has(migration.version))
    .map((migration) => ({ migration, body: extractMigrationBody(migration) }));
  return {
    plan: {
      // A `schema` that does not exist yet is where migrate will create it.
      schema: location.schema ?? run.schema ?? null,
      ledger: location.schema === null ? `${run.schema ?? '(no schema)'}.${run.ledger}` : location.displayName,
      ledgerExists: ledgerRows !== undefined,
      pending: pending.map(({ migration: { version, name, filename, checksum, sql } }) => ({
        version,
        name,
        filename,
        checksum,
        sql,
      })),
      alreadyApplied: run.migrations.map((m) => m.version).filter((version) => appliedVersions.has(version)),
    },
    location,
    ledgerRows,
    pending,
  };
}
