import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';

/**
 * Serializes the writers of one FX snapshot id until the caller's transaction ends (a transaction-level advisory
 * lock; taking it again in the same transaction is free). Must run inside a transaction.
 */
export async function lockFxSnapshot(transaction: DatabaseConnection, snapshotId: string): Promise<void> {
  await transaction.query(
    sql.unsafe`SELECT pg_advisory_xact_lock(hashtextextended(${`fx_snapshot:${snapshotId}`}, 0))`,
  );
}
