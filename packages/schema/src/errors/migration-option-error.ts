import { SchemaMigrationError } from './schema-migration-error.js';

/** An option of migrate, planMigrations, migrationStatus or adoptRelease that cannot be used as given. */
export class MigrationOptionError extends SchemaMigrationError {
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`${option}: ${problem}`);
    this.option = option;
  }
}
