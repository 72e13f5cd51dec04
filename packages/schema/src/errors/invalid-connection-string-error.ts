import { SchemaMigrationError } from './schema-migration-error.js';

/** A connection string that cannot name the servers to try (a malformed host list, an unknown target_session_attrs). */
export class InvalidConnectionStringError extends SchemaMigrationError {
  constructor(reason: string) {
    super(`Invalid PostgreSQL connection string: ${reason}`);
  }
}
