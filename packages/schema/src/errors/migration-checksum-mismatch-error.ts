import { SchemaMigrationError } from './schema-migration-error.js';

export interface ChecksumMismatch {
  readonly version: string;
  readonly filename: string;
  readonly appliedChecksum: string;
  readonly shippedChecksum: string;
}

/** An applied migration whose shipped file no longer matches what was applied: someone edited history. */
export class MigrationChecksumMismatchError extends SchemaMigrationError {
  readonly mismatches: readonly ChecksumMismatch[];

  constructor(mismatches: readonly ChecksumMismatch[]) {
    const lines = mismatches.map(
      (mismatch) =>
        `${mismatch.filename} was applied with checksum ${mismatch.appliedChecksum} but the shipped file has checksum ${mismatch.shippedChecksum}`,
    );
    super(
      `Refusing to migrate: applied migrations were modified after they ran.\n  ${lines.join('\n  ')}\n` +
        'Restore the original files and put the change in a new migration.',
    );
    this.mismatches = mismatches;
  }
}
