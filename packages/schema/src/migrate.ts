import pg from 'pg';
import { applyMigration } from './apply-migration.js';
import { connectClient } from './connect-client.js';
import { ensureLedger } from './ensure-ledger.js';
import { MigrationPrivilegeError } from './errors/migration-privilege-error.js';
import { locateLedger } from './ledger/ledger-location.js';
import type { MigrationTarget } from './migration.js';
import { migrationRunOf, migrationsUpTo, type MigrationSourceOptions } from './migration-run.js';
import { readPlan, type MigrationPlan } from './plan-migrations.js';
import type { SameExpression } from './release-shape/same-expression.js';
import { verifyMigrationPrivileges } from './verify-migration-privileges.js';
import { withMigrationLock } from './with-migration-lock.js';

export interface MigrateOptions extends MigrationSourceOptions {
  /** Recorded in the ledger's applied_by; defaults to the database session user. */
  readonly appliedBy?: string;
  /** Apply pending migrations up to and including this version; defaults to all. */
  readonly to?: string;
  /** How long to wait for a concurrent runner to release the migration lock; 0 waits without limit. Default 60 s. */
  readonly lockTimeoutMs?: number;
  /**
   * Check the tables each shipped migration leaves against its release's manifest (default true; never for a
   * consumer's own `ledger`). Only the manifest generator turns it off: after an edit to an unreleased file the
   * manifest it is about to regenerate is stale.
   */
  readonly checkShape?: boolean;
  /**
   * Loads a judge of whether a default or CHECK spelled otherwise than in the manifest means the same; asked only when
   * the shape check finds a difference in the text. Default: the same text. `iprs migrate` passes the parser-based
   * judge of `iprs verify` (@iprs/conformance's sameMeaning), so the two accept the same spellings.
   */
  readonly loadSameExpression?: () => Promise<SameExpression>;
  /**
   * Called under the lock with what is about to be applied, before anything is written (e.g. to print the plan). For a
   * plan without applying it, see planMigrations.
   */
  readonly onPlan?: (plan: MigrationPlan) => void;
}

export interface AppliedMigration {
  readonly version: string;
  readonly name: string;
  readonly executionMs: number;
}

export interface MigrateResult {
  /** Migrations this call applied, in order. */
  readonly applied: readonly AppliedMigration[];
  /** Versions that were already applied when this call took the lock. */
  readonly alreadyApplied: readonly string[];
}

export const defaultLockTimeoutMs = 60_000;

/**
 * Applies the pending migrations in version order, each in its own transaction together with its ledger row, while
 * holding a session-level advisory lock so concurrent runners apply each migration exactly once. Before applying
 * anything it refuses edited applied migrations and applied versions it does not know, and a role that lacks the
 * privileges the pending work needs; the ledger (and the `schema`, when given and missing) is created only when there
 * is work. After each shipped migration's body the tables of its release are checked against the release's manifest
 * inside the same transaction.
 */
export async function migrate(target: MigrationTarget, options: MigrateOptions = {}): Promise<MigrateResult> {
  const run = migrationRunOf(options);
  const lockTimeoutMs = checkedLockTimeout(options.lockTimeoutMs);
  const wanted = migrationsUpTo(run.migrations, options.to);

  const client = await connectClient(target, run.schema);
  try {
    return await withMigrationLock(
      client,
      lockTimeoutMs,
      async () => {
        const { plan, pending, ledgerRows, location: found } = await readPlan(client, run, wanted);
        options.onPlan?.(plan);
        let location = found;
        // An up-to-date database needs nothing but SELECT on the ledger: privileges and ledger only when there is work.
        if (pending.length > 0) {
          if (location.schema === null && run.schema !== undefined) {
            await createSchema(
              client,
              run.schema,
              pending.map(({ migration }) => migration.filename),
            );
            location = await locateLedger(client, run.ledger);
          }
          await verifyMigrationPrivileges(
            client,
            pending.map(({ migration }) => migration),
            location,
          );
          if (!ledgerRows) await ensureLedger(client, location);
        }
        const applied: AppliedMigration[] = [];
        for (const { migration, body } of pending) {
          const executionMs = await applyMigration(client, migration, body, {
            appliedBy: options.appliedBy,
            checkShape: run.isIprsLedger && (options.checkShape ?? true),
            ledger: location,
            loadSameExpression: options.loadSameExpression,
          });
          applied.push({ version: migration.version, name: migration.name, executionMs });
        }
        return { applied, alreadyApplied: plan.alreadyApplied };
      },
      run.lockKey,
    );
  } finally {
    await client.end();
  }
}

/** `lockTimeoutMs` or the default; a RangeError unless it is a non-negative integer. */
export function checkedLockTimeout(lockTimeoutMs: number = defaultLockTimeoutMs): number {
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new RangeError(`lockTimeoutMs must be a non-negative integer, got ${lockTimeoutMs}`);
  }
  return lockTimeoutMs;
}

/** Creates the schema `migrate({ schema })` was pointed at, refusing up front when the role may not. */
async function createSchema(client: pg.Client, schema: string, pending: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ role: string; can_create: boolean }>(
    "SELECT current_user AS role, has_database_privilege(current_database(), 'CREATE') AS can_create",
  );
  const row = rows[0];
  if (!row?.can_create) {
    throw new MigrationPrivilegeError(
      row?.role ?? '(unknown)',
      schema,
      [`CREATE on the database (schema ${schema} does not exist)`],
      pending,
    );
  }
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } catch (error) {
    // Another ledger's runner (a consumer's, under its own lock) created it at the same moment: it exists, as wanted.
    if ((error as { code?: unknown }).code !== uniqueViolation) throw error;
  }
}

const uniqueViolation = '23505';
