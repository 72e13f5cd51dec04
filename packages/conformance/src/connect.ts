import { connectTarget } from '@iprs/schema/internal';
import type pg from 'pg';

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
  const client = await connectTarget(connection, applicationName);
  return { client, close: () => client.end() };
}

function isClient(connection: DatabaseConnection): connection is pg.ClientBase {
  return typeof connection === 'object' && typeof (connection as { query?: unknown }).query === 'function';
}
