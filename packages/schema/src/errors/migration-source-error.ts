import { SchemaMigrationError } from './schema-migration-error.js';

/** A migration file or directory that cannot be used as it is: bad name, duplicate version, missing BEGIN/COMMIT wrapper. */
export class MigrationSourceError extends SchemaMigrationError {
  readonly source: string;

  constructor(source: string, reason: string, options?: ErrorOptions) {
    super(`${source}: ${reason}`, options);
    this.source = source;
  }
}
