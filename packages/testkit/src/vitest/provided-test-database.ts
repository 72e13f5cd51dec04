import type { PostgresKind } from '../provision-postgres.js';

/** What the global setup hands every test file through vitest's `provide`/`inject`. */
export interface ProvidedTestDatabase {
  /** Superuser connection to the server's `postgres` database. */
  serverUrl: string;
  /** The prepared (e.g. migrated) template that `useMigratedDatabase()` clones. */
  templateDatabase: string;
  /** Prefix of every database the helpers create. */
  databasePrefix: string;
  kind: PostgresKind;
}

declare module 'vitest' {
  export interface ProvidedContext {
    iprsTestDatabase: ProvidedTestDatabase;
  }
}
