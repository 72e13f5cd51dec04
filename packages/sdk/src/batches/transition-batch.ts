import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { NotFoundError } from '../errors/not-found-error.js';
import {
  ingestionBatchRowSchema,
  ingestionBatchStatusUpdateSchema,
  type IngestionBatchRow,
  type IngestionBatchStatusUpdate,
} from '../schemas/ingestion-batch.js';
import { parseInput } from '../types/parse-input.js';
import { batchTransitions, isTerminalBatchStatus } from './batch-lifecycle.js';
import { IllegalBatchTransitionError } from './illegal-batch-transition-error.js';

/**
 * Moves a batch along its lifecycle (see batchTransitions), refusing any other move with IllegalBatchTransitionError.
 * Reaching COMPLETED or FAILED stamps completed_at. The row is locked while it changes, so two callers cannot both
 * move the same batch.
 */
export async function transitionBatch(
  connection: DatabaseConnection,
  batchId: string,
  update: IngestionBatchStatusUpdate,
): Promise<IngestionBatchRow> {
  const change = parseInput(ingestionBatchStatusUpdateSchema, update, 'batch status change');
  return withTransaction(connection, async (transaction) => {
    const current = await transaction.maybeOne(
      sql.type(ingestionBatchRowSchema)`SELECT * FROM ingestion_batch WHERE batch_id = ${batchId} FOR UPDATE`,
    );
    if (current === null) throw new NotFoundError('ingestion batch', batchId);
    const allowed = batchTransitions[current.status];
    if (!allowed.includes(change.status)) {
      throw new IllegalBatchTransitionError(batchId, current.status, change.status, allowed);
    }
    return transaction.one(sql.type(ingestionBatchRowSchema)`
      UPDATE ingestion_batch SET
        status = ${change.status},
        completed_at = ${isTerminalBatchStatus(change.status) ? sql.fragment`now()` : sql.fragment`NULL`},
        record_count = ${change.record_count ?? current.record_count},
        validation_errors_json = ${sql.jsonb(change.validation_errors_json ?? (current.validation_errors_json as never))}
      WHERE batch_id = ${batchId}
      RETURNING *
    `);
  });
}
