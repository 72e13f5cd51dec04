import type { ShapeDifference } from '../release-shape/shape-difference.js';
import { SchemaMigrationError } from './schema-migration-error.js';

/** adoptRelease compared the tables with the release's manifest and they differ; nothing was written. */
export class AdoptionRefusedError extends SchemaMigrationError {
  readonly release: string;
  readonly schema: string | null;
  readonly differences: readonly ShapeDifference[];

  constructor(release: string, schema: string | null, differences: readonly ShapeDifference[]) {
    const lines = differences.map(({ objectType, object, problem }) => `  ${objectType} ${object} ${problem}`);
    super(
      `Refusing to adopt: the tables in schema ${schema ?? '(none of the search_path exists)'} are not those of ` +
        `schema release ${release}:\n${lines.join('\n')}\nNothing was written. Bring the tables to the release ` +
        '(or adopt an earlier release and migrate from there).',
    );
    this.release = release;
    this.schema = schema;
    this.differences = differences;
  }
}
