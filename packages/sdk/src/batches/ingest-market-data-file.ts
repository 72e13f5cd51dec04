import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ConnectionError } from '../errors/connection-error.js';
import { IprsError } from '../errors/iprs-error.js';
import { PoolExhaustedError } from '../errors/pool-exhausted-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { ingestFeed } from '../feeds/ingest-feed.js';
import type { FeedValidationOverrides } from '../feeds/feed-validation-config.js';
import { BatchFileError, type BatchRowError } from './batch-row-error.js';
import { amountLimits, decimalLimitProblem, type DecimalLimits } from '../types/decimal-limits.js';
import { defaultMaxJsonFileBytes, type IngestFile } from './ingest-file.js';
import { jsonNestingDepth, maxJsonNestingDepth } from './json-nesting-depth.js';
import { escapeForReport, quoteValue } from './report-text.js';
import { describeInvalidUtf8, firstInvalidUtf8 } from './utf8-check.js';
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
export function ingestMarketDataFile(
  connection: DatabaseConnection,
  options: MarketDataFileOptions,
): Promise<FileBatchResult> {
  const { validation, ...batchOptions } = options;
  return runFileBatch(
    connection,
    {
      batchType: 'MARKET_DATA',
      steps: ['parse:json', 'ingest:feeds'],
      outputs: ['market_data_feed', 'fx_spot', 'rating_history'],
      defaultMaxFileBytes: defaultMaxJsonFileBytes,
      async process(transaction, control) {
        const rateLimits = await amountLimits({ table: 'fx_spot', column: 'spot_rate' });
        const text = await readUtf8(control.file);
        let document: unknown;
        try {
          document = JSON.parse(text);
        } catch (error) {
          throw new BatchFileError({ row: 0, column: '', reason: `not JSON: ${(error as Error).message}` });
        }
        if (jsonNestingDepth(document) > maxJsonNestingDepth) {
          throw new BatchFileError({
            row: 0,
            column: '',
            reason: `nested deeper than ${maxJsonNestingDepth} levels: no market-data file needs that`,
          });
        }
        const file = marketDataFileSchema.safeParse(document);
        if (!file.success) {
          const issue = file.error.issues[0];
          throw new BatchFileError({
            row: 0,
            column: issue?.path.join('.') ?? '',
            reason: issue?.message ?? 'not a market-data file',
          });
        }
        for (const [index, feed] of file.data.feeds.entries()) {
          const row = index + 1;
          control.countRead(1);
          const errors: BatchRowError[] = [];
          const unstorable = unstorableTextPath(feed);
          if (unstorable !== undefined) {
            control.reportErrors([
              {
                row,
                column: unstorable,
                reason: 'holds NUL (\\u0000) or a lone surrogate, which PostgreSQL text and jsonb cannot store',
              },
            ]);
            continue;
          }
          const outOfLimits = fxRatesOutOfLimits(row, feed, rateLimits);
          if (outOfLimits.length > 0) {
            control.reportErrors(outOfLimits);
            continue;
          }
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
  if (!(error instanceof IprsError) || error instanceof ConnectionError || error instanceof PoolExhaustedError)
    throw error;
  if (error instanceof ValidationError)
    return error.issues.map((issue) => ({ row, column: issue.field, reason: issue.message }));
  return [{ row, column: '', reason: error.message }];
}

/** The whole file as text; bytes that are not UTF-8 fail the file, naming the line and byte, instead of becoming U+FFFD. */
async function readUtf8(file: IngestFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== undefined) throw new BatchFileError({ row: 0, column: '', reason: describeInvalidUtf8(invalid) });
  return bytes.toString('utf8');
}

/** NUL or a lone surrogate (in a `u` regex a pair is one code point, so only unpaired halves match the range). */
const unstorableCharacter = /[\u{0}\u{d800}-\u{dfff}]/u;

/** Path of the first key or string holding a character PostgreSQL cannot store, escaped for the report, if any. */
function unstorableTextPath(value: unknown): string | undefined {
  const path = firstUnstorable(value, '');
  return path === undefined ? undefined : escapeForReport(path);
}

function firstUnstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return unstorableCharacter.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path === '' ? key : `${path}.${key}`;
    const found = unstorableCharacter.test(key) ? itemPath : firstUnstorable(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * FX_SPOT rates that fx_spot.spot_rate would store but the column and the amount domain do not allow (e.g. "1e400",
 * which the feed's own check takes as a positive number). Checked on the text, before anything expands it.
 */
function fxRatesOutOfLimits(row: number, feed: unknown, limits: DecimalLimits): BatchRowError[] {
  const { feed_type: feedType, payload } = (feed ?? {}) as { feed_type?: unknown; payload?: { quotes?: unknown } };
  if (feedType !== 'FX_SPOT' || !Array.isArray(payload?.quotes)) return [];
  return payload.quotes.flatMap((quote: unknown, index) => {
    const rate = (quote as { rate?: unknown } | null)?.rate;
    const problem = typeof rate === 'string' ? decimalLimitProblem(rate, limits) : undefined;
    return problem === undefined
      ? []
      : [{ row, column: `payload.quotes.${index}.rate`, reason: `${quoteValue(rate as string)} ${problem}` }];
  });
}
