import type { ClientConfig } from 'pg';

/** One versioned SQL file, e.g. `001_mvp_core.sql`. */
export interface Migration {
  /** The numeric prefix as written in the file name, e.g. `'001'`. Migrations run in its numeric order. */
  readonly version: string;
  /** The rest of the file name without the extension, e.g. `'mvp_core'`. */
  readonly name: string;
  readonly filename: string;
  /** The file text: BEGIN; … COMMIT; so it also runs with plain `psql -f`. */
  readonly sql: string;
  /** SHA-256 (lower-case hex) of the file bytes; recorded in the ledger when applied. */
  readonly checksum: string;
}

/** A libpq connection string / URL, or a node-postgres client configuration. */
export type MigrationTarget = string | ClientConfig;
