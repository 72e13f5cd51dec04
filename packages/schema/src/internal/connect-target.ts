import pg from 'pg';
import { clientConfigOf } from '../client-config.js';
import { connectToTarget } from '../connection/connect-to-target.js';
import { DatabaseConnectionError } from '../errors/database-connection-error.js';
import type { MigrationTarget } from '../migration.js';

/**
 * Opens one connection to a connection string (several hosts with target_session_attrs, as libpq accepts them) or a
 * node-postgres configuration; `applicationName` is the default a URL's `application_name` overrides. Any failure,
 * including a configuration node-postgres refuses, is a DatabaseConnectionError naming the target (never a password).
 */
export async function connectTarget(target: MigrationTarget, applicationName: string): Promise<pg.Client> {
  if (typeof target === 'string') return connectToTarget(target, applicationName);
  let client: pg.Client;
  try {
    client = new pg.Client(clientConfigOf(target, applicationName));
  } catch (error) {
    throw new DatabaseConnectionError(`${target.host ?? 'localhost'}:${target.port ?? 5432}`, { cause: error });
  }
  // A connection lost between queries is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const target = `${client.host}:${client.port}/${client.database ?? ''} as ${client.user ?? '(default user)'}`;
    throw new DatabaseConnectionError(target, { cause: error });
  }
  return client;
}
