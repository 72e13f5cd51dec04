import { applyMigration } from './apply-migration.js';
import { connectClient } from './connect-client.js';
import { ensureLedger } from './ensure-ledger.js';
import { UnknownTargetVersionError } from './errors/unknown-target-version-error.js';
import { extractMigrationBody } from './extract-migration-body.js';
import type { Migration, MigrationTarget } from './migration.js';
import { migrations as shippedMigrations } from './migrations.js';
import { orderMigrations } from './order-migrations.js';
import { readLedger } from './read-ledger.js';
import { verifyAppliedHistory } from './verify-applied-history.js';
import { verifyMigrationPrivileges } from './verify-migration-privileges.js';
import { withMigrationLock } from './with-migration-lock.js';

export interface MigrateOptions {
  /** Defaults to the migrations this package ships. */
  readonly migrations?: readonly Migration[];
  /** Recorded in the ledger's applied_by; defaults to the database session user. */
  readonly appliedBy?: string;
  /** Apply pending migrations up to and including this version; defaults to all. */
  readonly to?: string;
  /** How long to wait for a concurrent runner to release the migration lock; 0 waits without limit. Default 60 s. */
  readonly lockTimeoutMs?: number;
  /**
   * Check the tables each shipped migration leaves against its release's manifest (default true). Only the manifest
   * generator turns it off: after an edit to an unreleased file the manifest it is about to regenerate is stale.
   */
  readonly checkShape?: boolean;
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
 * privileges the pending work needs; the ledger is created only when there is work. After each migration's body the
 * tables of its release are checked against the release's manifest inside the same transaction.
 */
export async function migrate(target: MigrationTarget, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = orderMigrations(options.migrations ?? shippedMigrations);
  const lockTimeoutMs = options.lockTimeoutMs ?? defaultLockTimeoutMs;
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new RangeError(`lockTimeoutMs must be a non-negative integer, got ${lockTimeoutMs}`);
  }
  const last = options.to === undefined ? migrations.length - 1 : migrations.findIndex((m) => m.version === options.to);
  if (last < 0 && options.to !== undefined) {
    throw new UnknownTargetVersionError(
      options.to,
      migrations.map((migration) => migration.version),
    );
  }
  const wanted = migrations.slice(0, last + 1);

  const client = await connectClient(target);
  try {
    return await withMigrationLock(client, lockTimeoutMs, async () => {
      const ledger = await readLedger(client);
      verifyAppliedHistory(migrations, ledger ?? []);
      const appliedVersions = new Set((ledger ?? []).map((row) => row.version));
      // Check every pending file's wrapper before applying the first, so a bad file cannot stop a run half way.
      const pending = wanted
        .filter((migration) => !appliedVersions.has(migration.version))
        .map((migration) => ({ migration, body: extractMigrationBody(migration) }));
      // An up-to-date database needs nothing but SELECT on the ledger: privileges and ledger only when there is work.
      if (pending.length > 0) {
        await verifyMigrationPrivileges(
          client,
          pending.map(({ migration }) => migration),
        );
        if (!ledger) await ensureLedger(client);
      }
      const applied: AppliedMigration[] = [];
      for (const { migration, body } of pending) {
        const executionMs = await applyMigration(client, migration, body, {
          appliedBy: options.appliedBy,
          checkShape: options.checkShape ?? true,
        });
        applied.push({ version: migration.version, name: migration.name, executionMs });
      }
      return {
        applied,
        alreadyApplied: migrations.map((m) => m.version).filter((version) => appliedVersions.has(version)),
      };
    });
  } finally {
    await client.end();
  }
}
