import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';

/**
 * A session-level advisory lock held by the process loading a batch for as long as the load runs. PostgreSQL drops it
 * when that session ends, so a batch left STARTED or VALIDATING whose lock is free was abandoned by a process that
 * died; one whose lock is taken is still being loaded.
 */
const lockKey = (batchId: string) => sql.fragment`hashtextextended(${`iprs.ingestion_batch.load:${batchId}`}, 0)`;

export async function holdBatchLoadLock(session: DatabaseConnection, batchId: string): Promise<void> {
  await session.query(sql.unsafe`SELECT pg_advisory_lock(${lockKey(batchId)})`);
}

export async function releaseBatchLoadLock(session: DatabaseConnection, batchId: string): Promise<void> {
  await session.query(sql.unsafe`SELECT pg_advisory_unlock(${lockKey(batchId)})`);
}

/** True when no session is loading the batch; the caller's transaction then holds the lock until it ends. */
export async function isBatchLoadLockFree(transaction: DatabaseConnection, batchId: string): Promise<boolean> {
  return transaction.oneFirst(
    sql.type(z.object({ free: z.boolean() }))`SELECT pg_try_advisory_xact_lock(${lockKey(batchId)}) AS free`,
  );
}
