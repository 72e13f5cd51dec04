import { sql, type DatabaseTransactionConnection } from 'slonik';
import type { IprsPool } from '../connection/bounded-pool.js';
import type { DatabaseConnection } from '../connection/database-connection.js';

const isTransaction = (connection: DatabaseConnection): connection is DatabaseTransactionConnection =>
  'transactionDepth' in connection;

const isIprsPool = (connection: DatabaseConnection): connection is IprsPool => 'readTransaction' in connection;

/**
 * Runs the reads of one rollup against one snapshot of the database — a REPEATABLE READ READ ONLY transaction — so
 * the node list, the FX spots and the sums agree even while others write (through a pool, each statement could
 * otherwise run on a different connection and see different commits). Given a transaction, runs in it as it is: its
 * isolation level is the caller's choice. Given an iprs pool with replicas, the transaction runs on a replica within the
 * lag bound (hot standbys run REPEATABLE READ READ ONLY transactions).
 */
export const readConsistently = <T>(
  connection: DatabaseConnection,
  routine: (connection: DatabaseConnection) => Promise<T>,
): Promise<T> => {
  if (isTransaction(connection)) return routine(connection);
  const readOnlySnapshot = async (transaction: DatabaseTransactionConnection) => {
    await transaction.query(sql.unsafe`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    return routine(transaction);
  };
  return isIprsPool(connection)
    ? connection.readTransaction(readOnlySnapshot)
    : connection.transaction(readOnlySnapshot);
};
