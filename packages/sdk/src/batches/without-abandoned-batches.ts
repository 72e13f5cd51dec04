import { isDeepStrictEqual } from 'node:util';
import type { DatabaseTransactionConnection } from 'slonik';
import type { IngestionBatchRow } from '../schemas/ingestion-batch.js';
import { isTerminalBatchStatus } from './batch-lifecycle.js';
import { isBatchLoadLockFree } from './batch-load-lock.js';
import type { BatchRowError } from './batch-row-error.js';
import { transitionBatch } from './transition-batch.js';

const abandonedReason =
  'abandoned: the process loading this batch ended before the batch finished, so nothing of it was written; ' +
  'a later upload of the same file marked it FAILED';

/** The one error of a batch failed because the process loading it ended: nothing of it was written. */
export const abandonedBatchError: BatchRowError = { row: 0, column: '', reason: abandonedReason, kind: 'abandoned' };

/** How batches were marked before the entry carried `kind`; such rows stay in databases written by older releases. */
export const legacyAbandonedBatchError: BatchRowError = { row: 0, column: '', reason: abandonedReason };

/**
 * Of earlier batches of a file, fails (VALIDATING/STARTED → FAILED, with abandonedBatchError) every one whose loading
 * session is gone (see batch-load-lock), and returns the batches that still stand for an upload of the file: finished
 * ones and ones still loading. Batches abandoned now or before are left out, so they never block a new upload.
 */
export async function withoutAbandonedBatches(
  transaction: DatabaseTransactionConnection,
  batches: readonly IngestionBatchRow[],
): Promise<IngestionBatchRow[]> {
  const standing: IngestionBatchRow[] = [];
  for (const batch of batches) {
    if (isTerminalBatchStatus(batch.status)) {
      if (!wasAbandoned(batch)) standing.push(batch);
    } else if (await isBatchLoadLockFree(transaction, batch.batch_id)) {
      const abandoned = [{ ...abandonedBatchError }];
      await transitionBatch(transaction, batch.batch_id, { status: 'FAILED', validation_errors_json: abandoned });
    } else standing.push(batch);
  }
  return standing;
}

function wasAbandoned(batch: IngestionBatchRow): boolean {
  return batch.status === 'FAILED' && batch.validation_errors_json.some(isAbandonedMarker);
}

function isAbandonedMarker(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  return (entry as Partial<BatchRowError>).kind === 'abandoned' || isDeepStrictEqual(entry, legacyAbandonedBatchError);
}
