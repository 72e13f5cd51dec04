import type { DatabasePool, DatabasePoolConnection } from 'slonik';

/**
 * Runs `routine` on one pooled connection and always gives the connection back, whether it returns or throws. Use it to
 * run several statements on the same session; for atomic writes use `withTransaction`.
 */
export const dbConn = <T>(
  pool: DatabasePool,
  routine: (connection: DatabasePoolConnection) => Promise<T>,
): Promise<T> => pool.connect(routine);
