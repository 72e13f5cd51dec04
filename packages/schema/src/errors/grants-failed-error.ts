import { SchemaMigrationError } from './schema-migration-error.js';

/** sql/roles/grants.sql could not be applied (a missing schema, too few privileges); its transaction was rolled back. */
export class GrantsFailedError extends SchemaMigrationError {
  readonly schema: string;

  constructor(schema: string, reason: string, options?: ErrorOptions) {
    super(`Cannot apply the iprs role grants on schema ${schema}: ${reason}. Nothing was changed.`, options);
    this.schema = schema;
  }
}
