import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MigrationOptionError } from './errors/migration-option-error.js';
import { UnknownTargetVersionError } from './errors/unknown-target-version-error.js';
import { checkLedgerName, ledgerLockKey } from './ledger/ledger-name.js';
import { LEDGER_TABLE } from './ledger-table.js';
import { loadMigrations } from './load-migrations.js';
import type { Migration } from './migration.js';
import { migrations as shippedMigrations } from './migrations.js';
import { orderMigrations } from './order-migrations.js';

/** The options migrate, planMigrations and migrationStatus share: which history, recorded where. */
export interface MigrationSourceOptions {
  /**
   * The migrations: a list (e.g. `loadMigrations(dir)`) or a directory of `NNN_name.sql` files. Defaults to the ones
   * this package ships. A consumer's own migrations go with their own `ledger`.
   */
  readonly migrations?: readonly Migration[] | string | URL;
  /**
   * The ledger table recording them, in the same schema as the tables. Default `iprs_schema_migrations`; any other
   * name needs `migrations` (the shipped ones are always recorded in iprs's ledger, never mixed with an app's).
   */
  readonly ledger?: string;
  /**
   * The PostgreSQL schema to work in: the session's search_path becomes this schema alone. Default: the first
   * existing schema of the connection's search_path (the URL's `options=-c search_path=…`, else the role's default).
   */
  readonly schema?: string;
}

export interface MigrationRun {
  readonly migrations: readonly Migration[];
  readonly ledger: string;
  readonly lockKey: string;
  readonly schema: string | undefined;
  /** The release shape check applies to iprs's shipped releases only, so only in iprs's ledger. */
  readonly isIprsLedger: boolean;
}

export function migrationRunOf(options: MigrationSourceOptions): MigrationRun {
  const ledger = checkLedgerName(options.ledger ?? LEDGER_TABLE);
  const isIprsLedger = ledger === LEDGER_TABLE;
  if (!isIprsLedger && options.migrations === undefined) {
    throw new MigrationOptionError(
      'ledger',
      `"${ledger}" given without migrations: the shipped migrations are recorded in ${LEDGER_TABLE} only; pass your ` +
        'own migrations (a directory or loadMigrations(dir)) with your own ledger',
    );
  }
  if (options.schema !== undefined && (options.schema.length === 0 || options.schema.length > 63)) {
    throw new MigrationOptionError('schema', `"${options.schema}" is not a schema name (1 to 63 characters)`);
  }
  const given = options.migrations;
  const migrations =
    given === undefined
      ? shippedMigrations
      : typeof given === 'string' || given instanceof URL
        ? loadDirectory(given)
        : given;
  return {
    migrations: orderMigrations(migrations),
    ledger,
    lockKey: ledgerLockKey(ledger),
    schema: options.schema,
    isIprsLedger,
  };
}

function loadDirectory(directory: string | URL): readonly Migration[] {
  const path = typeof directory === 'string' ? directory : fileURLToPath(directory);
  if (!existsSync(path)) throw new MigrationOptionError('migrations', `${path}: no such directory`);
  return loadMigrations(path);
}

/** The migrations up to and including `to` (all when undefined); UnknownTargetVersionError for a version not listed. */
export function migrationsUpTo(migrations: readonly Migration[], to: string | undefined): readonly Migration[] {
  if (to === undefined) return migrations;
  const last = migrations.findIndex((migration) => migration.version === to);
  if (last < 0) {
    throw new UnknownTargetVersionError(
      to,
      migrations.map((migration) => migration.version),
    );
  }
  return migrations.slice(0, last + 1);
}
