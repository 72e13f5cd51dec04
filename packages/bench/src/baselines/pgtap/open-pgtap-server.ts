import { BaselineUnavailableError } from '../../errors/baseline-unavailable-error.js';
import { withClient } from '@iprs/schema/internal';
import type { BenchServer } from '../../database/bench-server.js';
import { findPgtapPostgres } from './find-pgtap-postgres.js';
import { startScratchCluster } from './start-scratch-cluster.js';

export interface PgtapServer {
  /** Creates a database on a server where `CREATE EXTENSION pgtap` works. */
  createDatabase(): Promise<string>;
  /** Which server: the bench server itself, or a scratch cluster of the system PostgreSQL NN. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * The bench server when it has pgTAP available; else a scratch cluster of a system PostgreSQL that has it (the
 * embedded PostgreSQL 18 ships no pgTAP); else BaselineUnavailableError.
 */
export async function openPgtapServer(bench: BenchServer): Promise<PgtapServer> {
  const available = await withClient(bench.serverUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pgtap'");
    return rowCount === 1;
  });
  if (available) {
    return {
      createDatabase: () => bench.createDatabase('bench_verify'),
      description: 'the bench server',
      close: async () => {},
    };
  }
  const system = findPgtapPostgres();
  if (!system) {
    throw new BaselineUnavailableError(
      'no PostgreSQL with pgTAP here (install Debian postgresql-15-pgtap); the bench server has no pgtap extension',
    );
  }
  const cluster = await startScratchCluster(system.binDirectory);
  let next = 0;
  return {
    async createDatabase() {
      next += 1;
      const name = `bench_verify_${next}`;
      await withClient(cluster.url, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    description: `a scratch cluster of the system PostgreSQL ${system.major}`,
    close: () => cluster.stop(),
  };
}
