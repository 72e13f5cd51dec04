import { SchemaMigrationError } from './schema-migration-error.js';

/** There are migrations to apply, but the database role lacks a privilege applying them needs; nothing was changed. */
export class MigrationPrivilegeError extends SchemaMigrationError {
  readonly role: string;
  /** The schema migrations create their objects in; null when no schema of the search_path exists. */
  readonly schema: string | null;
  /** e.g. `CREATE on schema public`, `INSERT on table iprs_schema_migrations`. */
  readonly missingPrivileges: readonly string[];
  /** The file names of the migrations that are waiting. */
  readonly pending: readonly string[];

  constructor(role: string, schema: string | null, missingPrivileges: readonly string[], pending: readonly string[]) {
    super(
      `Cannot apply ${pending.join(', ')}: role ${role} lacks ${missingPrivileges.join(' and ')}. ` +
        'Nothing was changed. Run migrate as the schema owner, or grant the privilege ' +
        `(e.g. GRANT CREATE ON SCHEMA ${schema ?? '<schema>'} TO ${role}); a database that is up to date needs no ` +
        'more than SELECT on the ledger.',
    );
    this.role = role;
    this.schema = schema;
    this.missingPrivileges = missingPrivileges;
    this.pending = pending;
  }
}
