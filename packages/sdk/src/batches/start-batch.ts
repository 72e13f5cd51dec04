import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import {
  ingestionBatchCreateInputSchema,
  ingestionBatchRowSchema,
  type IngestionBatchCreateInput,
  type IngestionBatchRow,
} from '../schemas/ingestion-batch.js';
import { parseInput } from '../types/parse-input.js';

/** Opens a batch in status STARTED. */
export async function startBatch(
  connection: DatabaseConnection,
  input: IngestionBatchCreateInput,
): Promise<IngestionBatchRow> {
  const batch = parseInput(ingestionBatchCreateInputSchema, input, 'ingestion batch');
  return connection.one(sql.type(ingestionBatchRowSchema)`
    INSERT INTO ingestion_batch (batch_id, batch_type, source_file, source_file_hash, record_count, status, created_by)
    VALUES (${batch.batch_id}, ${batch.batch_type}, ${batch.source_file ?? null}, ${batch.source_file_hash ?? null},
            ${batch.record_count}, 'STARTED', ${batch.created_by ?? null})
    RETURNING *
  `);
}
