import { SchemaMigrationError } from './schema-migration-error.js';

/** adoptRelease found a migration ledger: the database is already tracked, so status and migrate apply, not adopt. */
export class LedgerExistsError extends SchemaMigrationError {
  /** The schema-qualified ledger, e.g. `iprs.iprs_schema_migrations`. */
  readonly ledger: string;
  /** How many migrations it records. */
  readonly recorded: number;

  constructor(ledger: string, recorded: number) {
    super(
      `Refusing to adopt: the database already has the migration ledger ${ledger} (${recorded} migration(s) recorded). ` +
        'Use `iprs status` to see where it stands and `iprs migrate` to bring it up to date.',
    );
    this.ledger = ledger;
    this.recorded = recorded;
  }
}
