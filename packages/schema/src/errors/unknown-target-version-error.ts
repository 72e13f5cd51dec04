import { SchemaMigrationError } from './schema-migration-error.js';

/** `migrate({ to })` named a version that is not in the migration list. */
export class UnknownTargetVersionError extends SchemaMigrationError {
  readonly version: string;

  constructor(version: string, known: readonly string[]) {
    super(`Unknown target migration version "${version}"; known versions: ${known.join(', ') || '(none)'}`);
    this.version = version;
  }
}
