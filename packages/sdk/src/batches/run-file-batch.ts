import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ValidationError } from '../errors/validation-error.js';
import type { LineageAssertion } from '../lineage/lineage-metadata.js';
import { recordLineage } from '../lineage/record-lineage.js';
import type { BatchType } from '../schemas/enums.js';
import type { IngestionBatchRow } from '../schemas/ingestion-batch.js';
import { parseInput } from '../types/parse-input.js';
import { BatchFileError, type BatchRowError } from './batch-row-error.js';
import { holdBatchLoadLock, releaseBatchLoadLock } from './batch-load-lock.js';
import type { BatchProgressListener } from './file-progress.js';
import { fileSha256 } from './file-sha256.js';
import { findBatchesByFileHash } from './get-batch.js';
import { onOneSession } from '../connection/on-one-session.js';
import { startBatch } from './start-batch.js';
import { transitionBatch } from './transition-batch.js';
import { withoutAbandonedBatches } from './without-abandoned-batches.js';

export const fileBatchOptionsSchema = z.strictObject({
  /** Path of the file to ingest. */
  file: z.string().min(1, { error: 'name the file to ingest' }),
  created_by: z.string().min(1).nullish(),
  /** Lineage's source_system for the file; `file-upload` by default. */
  source_system: z.string().min(1).default('file-upload'),
  /**
   * `all-or-nothing` (default): any bad row fails the batch and writes nothing. `skip-bad-rows`: good rows are written,
   * bad ones listed, and the batch completes.
   */
  atomicity: z.enum(['all-or-nothing', 'skip-bad-rows']).default('all-or-nothing'),
  /** Ingest even when the same file content was ingested before. */
  force: z.boolean().default(false),
  /** Rows validated and written per round trip. */
  chunk_size: z.number().int().min(1).max(100_000).default(5_000),
});
export type FileBatchOptions = z.input<typeof fileBatchOptionsSchema> & { readonly onProgress?: BatchProgressListener };
export type ParsedFileBatchOptions = z.output<typeof fileBatchOptionsSchema>;

export interface FileBatchResult {
  readonly batch: IngestionBatchRow;
  /** True when this file's content had been ingested before: the earlier batch is returned and nothing was done. */
  readonly duplicate: boolean;
  readonly errors: readonly BatchRowError[];
  readonly rowsRead: number;
  readonly rowsWritten: number;
}

/** What a file processor reports to the runner while it reads, validates and writes. */
export interface FileBatchControl {
  readonly options: ParsedFileBatchOptions;
  readonly batchId: string;
  /** False once a bad row was seen in all-or-nothing mode: the rest is validated, not written. */
  writing(): boolean;
  reportErrors(errors: readonly BatchRowError[]): void;
  countRead(rows: number): void;
  countWritten(rows: number): void;
  progress(bytesRead: number, totalBytes: number): void;
}

export interface FileBatchProcessor {
  readonly batchType: BatchType;
  /** Lineage transformation steps after reading and hashing the file. */
  readonly steps: readonly string[];
  /** Tables the batch writes. */
  readonly outputs: readonly string[];
  process(transaction: DatabaseTransactionConnection, control: FileBatchControl): Promise<void>;
}

class RollbackBatch extends Error {}

/** Errors kept in the lineage assertions; validation_errors_json keeps them all. */
const maxLineageAssertions = 100;

/**
 * The lifecycle every file ingestion shares. Detects a re-upload by the file's SHA-256 (under an advisory lock, so two
 * uploads of one file cannot both start), opens the batch (STARTED, committed), moves it to VALIDATING, then reads,
 * validates and writes in one transaction. Clean → COMPLETED in that same transaction, with the data. A bad row in
 * all-or-nothing mode, an unreadable file or an unexpected error → the data transaction rolls back and the batch,
 * which lives outside it, is marked FAILED with every error; lineage is written either way.
 *
 * The whole load runs on one session holding the batch's load lock (batch-load-lock), so a later upload of the same
 * file can tell a batch still loading (reported as the earlier upload) from one whose process died mid-load (marked
 * FAILED as abandoned, and the file is ingested).
 */
export async function runFileBatch(
  connection: DatabaseConnection,
  processor: FileBatchProcessor,
  input: FileBatchOptions,
): Promise<FileBatchResult> {
  const { onProgress, ...rest } = input;
  const options = parseInput(fileBatchOptionsSchema, rest, 'file ingestion options');
  const hash = await fileSha256(options.file).catch((error: unknown) => {
    throw new ValidationError([{ field: 'file', message: `cannot read ${options.file}: ${(error as Error).message}` }], 'file ingestion');
  });
  const batchId = randomUUID();

  return onOneSession(connection, async (session) => {
    await holdBatchLoadLock(session, batchId);
    try {
      const earlier = await openBatch(session, processor.batchType, hash, batchId, options);
      if (earlier !== undefined) {
        return {
          batch: earlier,
          duplicate: true,
          errors: earlier.validation_errors_json as BatchRowError[],
          rowsRead: Number(earlier.record_count),
          rowsWritten: 0,
        };
      }
      return await loadBatch(session, processor, options, hash, batchId, onProgress);
    } finally {
      await releaseBatchLoadLock(session, batchId);
    }
  });
}

/**
 * Starts the batch (committed, STARTED then VALIDATING) unless an earlier upload of the same content stands and
 * `force` is off; then returns that earlier batch instead. Earlier batches whose process died are failed on the way.
 */
async function openBatch(
  session: DatabaseConnection,
  batchType: BatchType,
  hash: string,
  batchId: string,
  options: ParsedFileBatchOptions,
): Promise<IngestionBatchRow | undefined> {
  const earlier = await withTransaction(session, async (transaction) => {
    await transaction.query(sql.unsafe`SELECT pg_advisory_xact_lock(hashtextextended(${`${batchType}:${hash}`}, 0))`);
    const [standing] = await withoutAbandonedBatches(transaction, await findBatchesByFileHash(transaction, batchType, hash));
    if (standing !== undefined && !options.force) return standing;
    await startBatch(transaction, {
      batch_id: batchId,
      batch_type: batchType,
      source_file: options.file,
      source_file_hash: hash,
      created_by: options.created_by ?? null,
    });
    return undefined;
  });
  if (earlier === undefined) await transitionBatch(session, batchId, { status: 'VALIDATING' });
  return earlier;
}

async function loadBatch(
  session: DatabaseConnection,
  processor: FileBatchProcessor,
  options: ParsedFileBatchOptions,
  hash: string,
  batchId: string,
  onProgress: BatchProgressListener | undefined,
): Promise<FileBatchResult> {
  let errors: BatchRowError[] = [];
  let rowsRead = 0;
  let rowsWritten = 0;
  const lineageBase = {
    feed_type: processor.batchType,
    feed_id: batchId,
    source_system: options.source_system,
    source_identifier: basename(options.file),
  };
  const steps = ['read:file', 'hash:sha256', ...processor.steps];
  try {
    const batch = await withTransaction(session, async (transaction) => {
      errors = [];
      rowsRead = 0;
      rowsWritten = 0;
      const control: FileBatchControl = {
        options,
        batchId,
        writing: () => options.atomicity === 'skip-bad-rows' || errors.length === 0,
        reportErrors: (found) => errors.push(...found),
        countRead: (rows) => (rowsRead += rows),
        countWritten: (rows) => (rowsWritten += rows),
        progress: (bytesRead, totalBytes) => onProgress?.({ rowsRead, errors: errors.length, bytesRead, totalBytes }),
      };
      await processor.process(transaction, control);
      if (errors.length > 0 && options.atomicity === 'all-or-nothing') throw new RollbackBatch();
      const completed = await transitionBatch(transaction, batchId, {
        status: 'COMPLETED',
        record_count: rowsRead,
        validation_errors_json: errors as never[],
      });
      await recordLineage(transaction, {
        ...lineageBase,
        transformation_chain: steps,
        quality_checks_passed: errors.length === 0,
        metadata_json: lineageMetadata(processor.outputs, errors, rowsRead, rowsWritten, hash),
      });
      return completed;
    });
    return { batch, duplicate: false, errors, rowsRead, rowsWritten };
  } catch (error) {
    if (error instanceof BatchFileError) errors.push(error.rowError);
    else if (!(error instanceof RollbackBatch)) errors.push({ row: 0, column: '', reason: error instanceof Error ? error.message : String(error) });
    const failed = await transitionBatch(session, batchId, {
      status: 'FAILED',
      record_count: rowsRead,
      validation_errors_json: errors as never[],
    });
    await recordLineage(session, {
      ...lineageBase,
      transformation_chain: [...steps, 'rollback'],
      quality_checks_passed: false,
      metadata_json: lineageMetadata([], errors, rowsRead, 0, hash),
    });
    if (!(error instanceof RollbackBatch) && !(error instanceof BatchFileError)) throw error;
    return { batch: failed, duplicate: false, errors, rowsRead, rowsWritten: 0 };
  }
}

function lineageMetadata(
  outputs: readonly string[],
  errors: readonly BatchRowError[],
  rowsRead: number,
  rowsWritten: number,
  hash: string,
): Record<string, never> {
  const assertions: LineageAssertion[] = [
    { assertion: 'ROWS_VALID', success: errors.length === 0 },
    ...errors.slice(0, maxLineageAssertions).map((error) => ({
      assertion: 'ROW_VALID',
      success: false,
      column: `line ${error.row}${error.column ? ` ${error.column}` : ''}`,
    })),
  ];
  return {
    outputs: [...outputs],
    assertions,
    record_count: rowsRead,
    rows_written: rowsWritten,
    error_count: errors.length,
    source_file_hash: hash,
  } as unknown as Record<string, never>;
}
