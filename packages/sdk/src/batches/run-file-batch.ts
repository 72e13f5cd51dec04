import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import type { LineageAssertion } from '../lineage/lineage-metadata.js';
import { recordLineage } from '../lineage/record-lineage.js';
import { qualifiedTables } from '../lineage/qualified-tables.js';
import type { BatchType } from '../schemas/enums.js';
import type { IngestionBatchRow } from '../schemas/ingestion-batch.js';
import { parseInput } from '../types/parse-input.js';
import { BatchErrorList, batchErrorCount } from './batch-error-list.js';
import { BatchFileError, type BatchRowError } from './batch-row-error.js';
import { holdBatchLoadLock, releaseBatchLoadLock } from './batch-load-lock.js';
import type { BatchProgressListener } from './file-progress.js';
import { fileSha256 } from './file-sha256.js';
import { findBatchesByFileHash } from './get-batch.js';
import { openIngestFile, type IngestFile } from './ingest-file.js';
import { onOneSession } from '../connection/on-one-session.js';
import { startBatch } from './start-batch.js';
import { transitionBatch } from './transition-batch.js';
import { withoutAbandonedBatches } from './without-abandoned-batches.js';

const fileBatchOptionsSchema = z.strictObject({
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
  /** Rows validated and written per round trip; 20 000 by default, the bulk loader's batch (see its batchSize). */
  chunk_size: z.number().int().min(1).max(100_000).default(20_000),
  /**
   * Largest file accepted, in bytes; a larger one is refused before any batch is written. Default: 1 GiB for CSV files
   * (streamed), 64 MiB for market-data JSON (read whole).
   */
  max_file_bytes: z.number().int().min(1).optional(),
});
export type FileBatchOptions = z.input<typeof fileBatchOptionsSchema> & { readonly onProgress?: BatchProgressListener };
type ParsedFileBatchOptions = z.output<typeof fileBatchOptionsSchema>;

export interface FileBatchResult {
  readonly batch: IngestionBatchRow;
  /** True when this file's content had been ingested before: the earlier batch is returned and nothing was done. */
  readonly duplicate: boolean;
  /**
   * The batch's errors as validation_errors_json keeps them: escaped, values cut after 100 characters, at most
   * batchErrorLimit entries plus one counting the rest (`omitted`).
   */
  readonly errors: readonly BatchRowError[];
  /** Every error found, kept or not. */
  readonly errorCount: number;
  readonly rowsRead: number;
  /** Rows inserted or changed. */
  readonly rowsWritten: number;
  /** Rows identical to what the database already held, left untouched (a re-upload of an unchanged row). */
  readonly rowsUnchanged: number;
}

/** What a file processor reports to the runner while it reads, validates and writes. */
interface FileBatchControl {
  readonly options: ParsedFileBatchOptions;
  readonly batchId: string;
  /** The file, accepted (regular, within max_file_bytes) and open: read it only through this. */
  readonly file: IngestFile;
  /** False once a bad row was seen in all-or-nothing mode: the rest is validated, not written. */
  writing(): boolean;
  reportErrors(errors: readonly BatchRowError[]): void;
  countRead(rows: number): void;
  countWritten(rows: number): void;
  countUnchanged(rows: number): void;
  progress(bytesRead: number, totalBytes: number): void;
}

export interface FileBatchProcessor {
  readonly batchType: BatchType;
  /** Lineage transformation steps after reading and hashing the file. */
  readonly steps: readonly string[];
  /** Tables the batch writes, unqualified (lineage names them in the session's schema). */
  readonly outputs: readonly string[];
  /** max_file_bytes when the caller gives none. */
  readonly defaultMaxFileBytes: number;
  process(transaction: DatabaseTransactionConnection, control: FileBatchControl): Promise<void>;
}

class RollbackBatch extends Error {}

/** Errors kept in the lineage assertions; validation_errors_json keeps up to batchErrorLimit. */
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
  const file = await openIngestFile(options.file, options.max_file_bytes ?? processor.defaultMaxFileBytes);
  try {
    const hash = await fileSha256(file);
    const batchId = randomUUID();
    return await onOneSession(connection, async (session) => {
      await holdBatchLoadLock(session, batchId);
      try {
        const earlier = await openBatch(session, processor.batchType, hash, batchId, options);
        if (earlier !== undefined) {
          const errors = earlier.validation_errors_json as BatchRowError[];
          return {
            batch: earlier,
            duplicate: true,
            errors,
            errorCount: batchErrorCount(errors),
            rowsRead: Number(earlier.record_count),
            rowsWritten: 0,
            rowsUnchanged: 0,
          };
        }
        return await loadBatch(session, processor, { options, file, hash, batchId, onProgress });
      } finally {
        await releaseBatchLoadLock(session, batchId);
      }
    });
  } finally {
    await file.close();
  }
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
    const [standing] = await withoutAbandonedBatches(
      transaction,
      await findBatchesByFileHash(transaction, batchType, hash),
    );
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

interface BatchLoad {
  readonly options: ParsedFileBatchOptions;
  readonly file: IngestFile;
  readonly hash: string;
  readonly batchId: string;
  readonly onProgress: BatchProgressListener | undefined;
}

async function loadBatch(
  session: DatabaseConnection,
  processor: FileBatchProcessor,
  load: BatchLoad,
): Promise<FileBatchResult> {
  const { options, file, hash, batchId, onProgress } = load;
  let errors = new BatchErrorList();
  let rowsRead = 0;
  let rowsWritten = 0;
  let rowsUnchanged = 0;
  const lineageBase = {
    feed_type: processor.batchType,
    feed_id: batchId,
    source_system: options.source_system,
    source_identifier: basename(options.file),
  };
  const steps = ['read:file', 'hash:sha256', ...processor.steps];
  try {
    const batch = await withTransaction(session, async (transaction) => {
      errors = new BatchErrorList();
      rowsRead = 0;
      rowsWritten = 0;
      rowsUnchanged = 0;
      const control: FileBatchControl = {
        options,
        batchId,
        file,
        writing: () => options.atomicity === 'skip-bad-rows' || errors.count === 0,
        reportErrors: (found) => errors.add(found),
        countRead: (rows) => (rowsRead += rows),
        countWritten: (rows) => (rowsWritten += rows),
        countUnchanged: (rows) => (rowsUnchanged += rows),
        progress: (bytesRead, totalBytes) => onProgress?.({ rowsRead, errors: errors.count, bytesRead, totalBytes }),
      };
      await processor.process(transaction, control);
      if (errors.count > 0 && options.atomicity === 'all-or-nothing') throw new RollbackBatch();
      const completed = await transitionBatch(transaction, batchId, {
        status: 'COMPLETED',
        record_count: rowsRead,
        validation_errors_json: errors.report() as never[],
      });
      await recordLineage(transaction, {
        ...lineageBase,
        transformation_chain: steps,
        quality_checks_passed: errors.count === 0,
        metadata_json: lineageMetadata(
          await qualifiedTables(transaction, processor.outputs),
          errors,
          rowsRead,
          rowsWritten,
          hash,
        ),
      });
      return completed;
    });
    return {
      batch,
      duplicate: false,
      errors: errors.report(),
      errorCount: errors.count,
      rowsRead,
      rowsWritten,
      rowsUnchanged,
    };
  } catch (error) {
    if (error instanceof BatchFileError) errors.addFinal(error.rowError);
    else if (!(error instanceof RollbackBatch))
      errors.addFinal({ row: 0, column: '', reason: error instanceof Error ? error.message : String(error) });
    const failed = await transitionBatch(session, batchId, {
      status: 'FAILED',
      record_count: rowsRead,
      validation_errors_json: errors.report() as never[],
    });
    await recordLineage(session, {
      ...lineageBase,
      transformation_chain: [...steps, 'rollback'],
      quality_checks_passed: false,
      metadata_json: lineageMetadata([], errors, rowsRead, 0, hash),
    });
    if (!(error instanceof RollbackBatch) && !(error instanceof BatchFileError)) throw error;
    return {
      batch: failed,
      duplicate: false,
      errors: errors.report(),
      errorCount: errors.count,
      rowsRead,
      rowsWritten: 0,
      rowsUnchanged: 0,
    };
  }
}

function lineageMetadata(
  outputs: readonly string[],
  errors: BatchErrorList,
  rowsRead: number,
  rowsWritten: number,
  hash: string,
): Record<string, never> {
  const assertions: LineageAssertion[] = [
    { assertion: 'ROWS_VALID', success: errors.count === 0 },
    ...errors
      .report()
      .slice(0, maxLineageAssertions)
      .filter((error) => error.omitted === undefined)
      .map((error) => ({
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
    error_count: errors.count,
    source_file_hash: hash,
  } as unknown as Record<string, never>;
}
