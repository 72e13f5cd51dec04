import { clientConfigOf, connectToTarget, DatabaseConnectionError } from '@iprs/schema';
import pg from 'pg';

/** A connection string, a node-postgres client configuration, or an already connected client (left open). */
export type DatabaseConnection = string | pg.ClientConfig | pg.ClientBase;

export interface OpenConnection {
  readonly client: pg.ClientBase;
  readonly close: () => Promise<void>;
}

/**
 * Connects (or adopts a connected client); a connection failure becomes DatabaseConnectionError naming the target.
 * A connection string may list several hosts with target_session_attrs, as libpq accepts it.
 */
export async function openConnection(connection: DatabaseConnection, applicationName: string): Promise<OpenConnection> {
  if (isClient(connection)) return { client: connection, close: async () => undefined };
  if (typeof connection === 'string') {
    const client = await connectToTarget(connection, applicationName);
    return { client, close: () => client.end() };
  }
  let client: pg.Client;
  try {
    client = new pg.Client(clientConfigOf(connection, applicationName));
  } catch (error) {
    throw new DatabaseConnectionError(describe(connection), { cause: error });
  }
  // A connection lost between queries is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseConnectionError(`${client.host}:${client.port}/${client.database ?? ''}`, { cause: error });
  }
  return { client, close: () => client.end() };
}

function isClient(connection: DatabaseConnection): connection is pg.ClientBase {
  return typeof connection === 'object' && typeof (connection as { query?: unknown }).query === 'function';
}

function describe(connection: pg.ClientConfig): string {
  return `${connection.host ?? 'localhost'}:${connection.port ?? 5432}`;
}
