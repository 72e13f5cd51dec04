import type { DatabasePool, DatabasePoolConnection, DatabaseTransactionConnection } from 'slonik';
import type { DatabaseConnection } from './database-connection.js';
import { dbConn } from './db-conn.js';

/**
 * Runs `routine` on a single database session: a connection borrowed from the pool for the whole routine, or the
 * connection or transaction the caller already holds. For work that needs session state, such as a session-level lock.
 */
export function onOneSession<T>(
  connection: DatabaseConnection,
  routine: (session: DatabasePoolConnection | DatabaseTransactionConnection) => Promise<T>,
): Promise<T> {
  return isPool(connection) ? dbConn(connection, routine) : routine(connection);
}

function isPool(connection: DatabaseConnection): connection is DatabasePool {
  return 'connect' in connection;
}
