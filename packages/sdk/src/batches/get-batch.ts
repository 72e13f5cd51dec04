import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { BatchType } from '../schemas/enums.js';
import { ingestionBatchRowSchema, type IngestionBatchRow } from '../schemas/ingestion-batch.js';

/** The batch with this id; NotFoundError when there is none. */
export async function getBatch(connection: DatabaseConnection, batchId: string): Promise<IngestionBatchRow> {
  const row = await connection.maybeOne(
    sql.type(ingestionBatchRowSchema)`SELECT * FROM ingestion_batch WHERE batch_id = ${batchId}`,
  );
  if (row === null) throw new NotFoundError('ingestion batch', batchId);
  return row;
}

/** Earlier batches of this type over the same file content, newest first. */
export async function findBatchesByFileHash(
  connection: DatabaseConnection,
  batchType: BatchType,
  sourceFileHash: string,
): Promise<readonly IngestionBatchRow[]> {
  return connection.any(sql.type(ingestionBatchRowSchema)`
    SELECT * FROM ingestion_batch
    WHERE batch_type = ${batchType} AND source_file_hash = ${sourceFileHash}
    ORDER BY started_at DESC, batch_id
  `);
}
