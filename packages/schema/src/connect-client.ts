import pg from 'pg';
import { clientConfigOf } from './client-config.js';
import { DatabaseConnectionError } from './errors/database-connection-error.js';
import type { MigrationTarget } from './migration.js';

/** Opens one dedicated connection; the runner needs a single session because its advisory lock is session-scoped. */
export async function connectClient(target: MigrationTarget): Promise<pg.Client> {
  const client = new pg.Client(clientConfigOf(target, 'iprs-schema'));
  // A connection lost between queries is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseConnectionError(describe(client), { cause: error });
  }
  return client;
}

function describe(client: pg.Client): string {
  return `${client.host}:${client.port}/${client.database ?? ''} as ${client.user ?? '(default user)'}`;
}
