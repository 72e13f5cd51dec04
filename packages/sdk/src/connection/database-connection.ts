import type { DatabasePool, DatabasePoolConnection, DatabaseTransactionConnection } from 'slonik';

/**
 * What every repository function takes: a pool (each call borrows a connection), a connection from `dbConn`, or a
 * transaction from `withTransaction`. Inside a transaction, pass the transaction connection, not the pool.
 */
export type DatabaseConnection = DatabasePool | DatabasePoolConnection | DatabaseTransactionConnection;
