import { SchemaMigrationError } from './schema-migration-error.js';

/** The database could not be reached or refused the connection; nothing was read or changed. */
export class DatabaseConnectionError extends SchemaMigrationError {
  readonly target: string;

  constructor(target: string, options: ErrorOptions & { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`Could not connect to PostgreSQL at ${target}: ${reason}`, options);
    this.target = target;
  }
}
