import type { SchemaSnapshot } from './schema-snapshot.js';

/** What the database looks like after the migrations up to and including `release` have been applied. */
export interface SchemaManifest {
  /** Bumped only when the manifest shape changes incompatibly. */
  readonly formatVersion: 1;
  /** The version of the last migration in this release, e.g. `'002'`. */
  readonly release: string;
  /** The migrations the release consists of, in order. */
  readonly migrations: readonly ManifestMigration[];
  readonly schema: SchemaSnapshot;
}

export interface ManifestMigration {
  readonly version: string;
  readonly name: string;
}
