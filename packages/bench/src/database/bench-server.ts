import { createDatabase, databaseUrl, dropDatabase, provisionPostgres, uniqueDatabaseName } from '@iprs/testkit';
import type { PostgresKind } from '@iprs/testkit';

export interface BenchServer {
  readonly kind: PostgresKind;
  /** A superuser connection to the server's `postgres` database. */
  readonly serverUrl: string;
  /** Creates an empty database named `<prefix>_<random>` and returns its URL; it is dropped by `close()`. */
  createDatabase(prefix: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  /** Drops every database this server handle created, then stops the server if we started it. */
  close(): Promise<void>;
}

/**
 * The server every comparison runs on: `DATABASE_URL` when set (only `bench_…` databases are created on it, and
 * dropped afterwards), else the embedded PostgreSQL 18 that @iprs/testkit starts.
 */
export async function openBenchServer(): Promise<BenchServer> {
  const provisioned = await provisionPostgres();
  const created = new Set<string>();
  const nameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));
  return {
    kind: provisioned.kind,
    serverUrl: provisioned.connectionString,
    async createDatabase(prefix) {
      const name = uniqueDatabaseName(prefix);
      await createDatabase(provisioned.connectionString, name);
      created.add(name);
      return databaseUrl(provisioned.connectionString, name);
    },
    async dropDatabase(url) {
      const name = nameOf(url);
      await dropDatabase(provisioned.connectionString, name);
      created.delete(name);
    },
    async close() {
      try {
        for (const name of created) await dropDatabase(provisioned.connectionString, name);
      } finally {
        await provisioned.stop();
      }
    },
  };
}
