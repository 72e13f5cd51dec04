import { SchemaMigrationError } from './schema-migration-error.js';

export interface UnknownAppliedMigration {
  readonly version: string;
  readonly name: string;
}

/** The database records applied migrations this build does not ship, e.g. it was migrated by a newer @iprs/schema. */
export class UnknownMigrationError extends SchemaMigrationError {
  readonly unknown: readonly UnknownAppliedMigration[];

  constructor(unknown: readonly UnknownAppliedMigration[]) {
    const listed = unknown.map((migration) => `${migration.version}_${migration.name}`).join(', ');
    super(
      `Refusing to migrate: the database has applied migrations this version of @iprs/schema does not ship: ${listed}. ` +
        'Use the @iprs/schema release that applied them, or a newer one.',
    );
    this.unknown = unknown;
  }
}
