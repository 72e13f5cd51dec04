import type { DatabaseTransactionConnection } from 'slonik';
import type { DatabaseConnection } from './database-connection.js';

/**
 * Runs `routine` in a transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is rethrown). Given a
 * transaction connection it nests as a SAVEPOINT, so an inner failure undoes only the inner work if the outer routine
 * catches it. Serialization failures and deadlocks (SQLSTATE 40xxx) re-run `routine` up to 5 times (Slonik's retry), so
 * keep side effects outside the database idempotent.
 */
export const withTransaction = <T>(
  connection: DatabaseConnection,
  routine: (transaction: DatabaseTransactionConnection) => Promise<T>,
): Promise<T> => connection.transaction(routine);
