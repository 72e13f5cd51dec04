import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ConnectionError } from '../errors/connection-error.js';
import { IprsError } from '../errors/iprs-error.js';
import { PoolExhaustedError } from '../errors/pool-exhausted-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { ingestFeed } from '../feeds/ingest-feed.js';
import type { FeedValidationOverrides } from '../feeds/feed-validation-config.js';
import { BatchFileError, type BatchRowError } from './batch-row-error.js';
import { runFileBatch, type FileBatchOptions, type FileBatchResult } from './run-file-batch.js';

/**
 * A MARKET_DATA file: JSON `{ "feeds": [ { "feed_type", "as_of_date", "source", "source_identifier"?, "payload" } ] }`,
 * each item what ingestFeed takes. Read whole (market-data files are small next to position files).
 */
const marketDataFileSchema = z.object({ feeds: z.array(z.unknown()).min(1, { error: 'must list at least one feed' }) });

export interface MarketDataFileOptions extends FileBatchOptions {
  readonly validation?: FeedValidationOverrides;
}

/**
 * MARKET_DATA: ingests every feed of the file through ingestFeed (validation by type, dedup, fx_spot and
 * rating_history population, lineage naming the batch as parent). A feed that FAILs validation, is malformed or is
 * refused by the database (e.g. an FX snapshot id already holding other spots) is a batch error (row = its 1-based
 * position in `feeds`) and the remaining feeds are still checked; all-or-nothing by default, so one bad feed stores none.
 */
export function ingestMarketDataFile(connection: DatabaseConnection, options: MarketDataFileOptions): Promise<FileBatchResult> {
  const { validation, ...batchOptions } = options;
  return runFileBatch(
    connection,
    {
      batchType: 'MARKET_DATA',
      steps: ['parse:json', 'ingest:feeds'],
      outputs: ['public.market_data_feed', 'public.fx_spot', 'public.rating_history'],
      async process(transaction, control) {
        const text = await readFile(control.options.file, 'utf8');
        let document: unknown;
        try {
          document = JSON.parse(text);
        } catch (error) {
          throw new BatchFileError({ row: 0, column: '', reason: `not JSON: ${(error as Error).message}` });
        }
        const file = marketDataFileSchema.safeParse(document);
        if (!file.success) {
          const issue = file.error.issues[0];
          throw new BatchFileError({ row: 0, column: issue?.path.join('.') ?? '', reason: issue?.message ?? 'not a market-data file' });
        }
        for (const [index, feed] of file.data.feeds.entries()) {
          const row = index + 1;
          control.countRead(1);
          const errors: BatchRowError[] = [];
          try {
            const result = await ingestFeed(transaction, feed as never, {
              parentBatchId: control.batchId,
              ...(validation === undefined ? {} : { validation }),
            });
            if (result.feed.validation_status === 'FAIL') {
              for (const finding of result.validation.findings.filter((f) => f.severity === 'FAIL')) {
                errors.push({ row, column: `payload.${finding.path}`, reason: `${finding.code}: ${finding.message}` });
              }
            } else if (!result.duplicate) control.countWritten(1);
          } catch (error) {
            errors.push(...feedErrors(row, error));
          }
          control.reportErrors(errors);
          control.progress(row, file.data.feeds.length);
        }
      },
    },
    batchOptions,
  );
}

/**
 * A feed's refusal as row errors. ingestFeed runs in its own savepoint, so a refused feed leaves the batch's
 * transaction usable; an unreachable database or an unexpected error is not the feed's fault and stops the batch.
 */
function feedErrors(row: number, error: unknown): BatchRowError[] {
  if (!(error instanceof IprsError) || error instanceof ConnectionError || error instanceof PoolExhaustedError) throw error;
  if (error instanceof ValidationError) return error.issues.map((issue) => ({ row, column: issue.field, reason: issue.message }));
  return [{ row, column: '', reason: error.message }];
}
