import type { ShapeDifference } from '../release-shape/shape-difference.js';
import { SchemaMigrationError } from './schema-migration-error.js';

/**
 * A migration ran, but the tables it is meant to create differ from its release's manifest — typically a table (or
 * index) of that name existed before and `CREATE … IF NOT EXISTS` kept it. The migration was rolled back and not
 * recorded.
 */
export class MigrationShapeMismatchError extends SchemaMigrationError {
  readonly version: string;
  readonly filename: string;
  readonly differences: readonly ShapeDifference[];

  constructor(version: string, filename: string, differences: readonly ShapeDifference[]) {
    const lines = differences.map(({ objectType, object, problem }) => `  ${objectType} ${object} ${problem}`);
    super(
      `Migration ${filename} does not produce the shape of schema release ${version}:\n${lines.join('\n')}\n` +
        'It was rolled back: the database and the migration ledger are as they were before it started. ' +
        'An object of that name probably existed before and was kept by a guarded CREATE … IF NOT EXISTS, or was ' +
        'changed after an earlier release: rename, drop or alter it to match, then migrate again.',
    );
    this.version = version;
    this.filename = filename;
    this.differences = differences;
  }
}
