import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import { copyFromStdin } from '../connection/copy-from-stdin.js';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ValidationError } from '../errors/validation-error.js';
import { positionInputSchema, type ParsedPositionInput, type PositionInput } from '../schemas/position.js';
import { copyTextChunks, copyTextLine } from '../sql/copy-text.js';
import { issuesOf, parseInput } from '../types/parse-input.js';
import { positionDiffers, positionUpsertAssignments } from './position-upsert-assignments.js';

const bulkLoadOptionsSchema = z.strictObject({
  /** Rows per batch (one COPY; an upsert adds one INSERT … SELECT per kind of row, with and without a status). Default 5 000. */
  batchSize: z.number().int().min(1).max(100_000).default(5_000),
  /**
   * `insert` refuses an existing position_id (ConflictError); `upsert` replaces it, keeping its stored status for rows
   * that give none, and leaves a position that the row would not change untouched. Default `insert`.
   */
  mode: z.enum(['insert', 'upsert']).default('insert'),
});
export type BulkLoadOptions = z.input<typeof bulkLoadOptionsSchema>;
type LoadMode = z.output<typeof bulkLoadOptionsSchema>['mode'];

export interface BulkLoadResult {
  /** Rows loaded: every row given, as the load is all-or-nothing. */
  readonly rows: number;
  /** Positions inserted, or (upsert) whose stored fields the row changed. */
  readonly written: number;
  /** Upsert only: rows identical to the stored position, which was left as it was (no new row version, same updated_at). */
  readonly unchanged: number;
  readonly batches: number;
}

const positionColumns = sql.fragment`(position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis,
  book_value, tags_json, status)`;

// Upserts COPY each batch here first, then move it into position with the no-rewrite rule.
const stagingTable = sql.identifier(['iprs_position_load']);

/**
 * One batch as COPY text lines. Refuses a position_id repeated within the batch (PostgreSQL would report it without
 * saying which rows: 23505 on insert, 21000 on upsert — or, across rows with and without a status, not at all).
 */
class PositionBatch {
  public readonly lines: string[] = [];
  public withStatus = 0;
  private readonly rowIndexById = new Map<string, number>();

  public constructor(private readonly mode: LoadMode) {}

  public get length(): number {
    return this.lines.length;
  }

  public push(row: ParsedPositionInput, rowIndex: number): void {
    const earlier = this.rowIndexById.get(row.position_id);
    if (earlier !== undefined) {
      throw new ValidationError(
        [
          {
            field: `rows[${rowIndex}].position_id`,
            message:
              `'${row.position_id}' repeats rows[${earlier}] in the same batch; give each position once per batch ` +
              '(merge the rows, or load them in separate calls)',
          },
        ],
        'position in bulk load',
      );
    }
    this.rowIndexById.set(row.position_id, rowIndex);
    if (row.status !== undefined) this.withStatus += 1;
    // An insert stores ACTIVE for a row without status; an upsert stages NULL so that the stored status stays.
    const status = row.status ?? (this.mode === 'insert' ? 'ACTIVE' : null);
    this.lines.push(
      copyTextLine([
        row.position_id,
        row.portfolio_node_id,
        row.instrument_id,
        row.quantity,
        row.base_ccy,
        row.cost_basis,
        row.book_value,
        JSON.stringify(row.tags_json),
        status,
      ]),
    );
  }
}

/** Moves the staged rows with (or without) a status into position, skipping those that would change nothing. */
const upsertStaged = async (connection: DatabaseConnection, statusGiven: boolean) => {
  const result = await connection.query(sql.unsafe`
    INSERT INTO position ${positionColumns}
    SELECT staged.position_id, staged.portfolio_node_id, staged.instrument_id, staged.quantity, staged.base_ccy,
           staged.cost_basis, staged.book_value, staged.tags_json, coalesce(staged.status, 'ACTIVE')
    FROM ${stagingTable} AS staged LEFT JOIN position AS stored ON stored.position_id = staged.position_id
    WHERE staged.status IS ${statusGiven ? sql.fragment`NOT NULL` : sql.fragment`NULL`}
      AND (stored.position_id IS NULL OR ${positionDiffers('stored', 'staged', statusGiven)})
    ON CONFLICT (position_id) DO UPDATE SET ${positionUpsertAssignments(statusGiven)}
    WHERE ${positionDiffers('position', 'excluded', statusGiven)}
  `);
  return result.rowCount;
};

/** Writes one batch; resolves to the number of positions it inserted or changed. */
const writeBatch = async (connection: DatabaseConnection, batch: PositionBatch, mode: LoadMode): Promise<number> => {
  if (mode === 'insert')
    return copyFromStdin(
      connection,
      sql.fragment`COPY position ${positionColumns} FROM STDIN`,
      copyTextChunks(batch.lines),
    );
  await copyFromStdin(
    connection,
    sql.fragment`COPY ${stagingTable} ${positionColumns} FROM STDIN`,
    copyTextChunks(batch.lines),
  );
  let written = 0;
  if (batch.withStatus > 0) written += await upsertStaged(connection, true);
  if (batch.withStatus < batch.length) written += await upsertStaged(connection, false);
  await connection.query(sql.unsafe`TRUNCATE ${stagingTable}`);
  return written;
};

/**
 * While a batch is in flight, filling the next one yields to the event loop every this many rows. Rows that come from
 * a synchronous source are validated in one unbroken chain of promises, during which the socket never gets to send
 * the COPY data of the batch in flight: PostgreSQL would wait for the whole next batch to be validated first.
 */
const rowsBetweenYields = 200;

/**
 * Writes validated positions batch by batch inside the transaction it is given: `open` first, `add` each row, `close`
 * at the end. One batch stays in flight while the next is filled, so Node and PostgreSQL work side by side; `flush`
 * waits for everything added so far, for a caller that queries the same transaction in between.
 */
export class PositionWriter {
  private batch: PositionBatch;
  private inFlight: Promise<number> | undefined;
  private loaded = 0;
  private written = 0;
  private batches = 0;

  public constructor(
    private readonly transaction: DatabaseTransactionConnection,
    private readonly mode: LoadMode,
    private readonly batchSize: number,
  ) {
    this.batch = new PositionBatch(mode);
  }

  public async open(): Promise<void> {
    if (this.mode !== 'upsert') return;
    await this.transaction.query(sql.unsafe`
      CREATE TEMPORARY TABLE ${stagingTable} (
        position_id text, portfolio_node_id text, instrument_id text, quantity numeric, base_ccy text,
        cost_basis numeric, book_value numeric, tags_json jsonb, status text
      ) ON COMMIT DROP
    `);
  }

  /** Adds a validated row; `index` names it in the error when its position_id repeats one of its batch. */
  public async add(row: ParsedPositionInput, index: number): Promise<void> {
    this.batch.push(row, index);
    if (this.batch.length === this.batchSize) await this.send();
    else if (this.inFlight !== undefined && this.batch.length % rowsBetweenYields === 0) await yieldToEventLoop();
  }

  public async flush(): Promise<void> {
    if (this.batch.length > 0) await this.send();
    await this.settle();
  }

  /** Flushes, drops the staging table (so that the transaction can load again) and says what was written. */
  public async close(): Promise<BulkLoadResult> {
    await this.flush();
    if (this.mode === 'upsert') await this.transaction.query(sql.unsafe`DROP TABLE ${stagingTable}`);
    return { rows: this.loaded, written: this.written, unchanged: this.loaded - this.written, batches: this.batches };
  }

  /** Waits for the batch in flight (not sending the one being filled), e.g. before another query on the transaction. */
  public async waitForWrites(): Promise<void> {
    await this.settle();
  }

  /** After a failure: waits for the statement still running, as the transaction can only roll back once it is done. */
  public async abandon(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  private async send(): Promise<void> {
    await this.settle();
    const batch = this.batch;
    this.batch = new PositionBatch(this.mode);
    this.inFlight = writeBatch(this.transaction, batch, this.mode);
    // Awaited by the next send or flush; marked handled so a failure surfaces there, not as an unhandled rejection.
    this.inFlight.catch(() => undefined);
    this.loaded += batch.length;
    this.batches += 1;
  }

  private async settle(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    if (inFlight) this.written += await inFlight;
  }
}

/**
 * Fast path for hundreds of thousands of positions. Reads `rows` as a stream (an async or sync iterable: a generator,
 * a CSV parser, a cursor), validates each row and writes them batch by batch with COPY, holding only one batch in
 * memory: `insert` copies straight into position; `upsert` copies into a temporary staging table and moves the rows
 * that are new or changed into position, so that re-loading an unchanged book rewrites nothing. Atomic per call: all
 * rows are written in one transaction (a savepoint when `connection` is already a transaction), so an invalid row, a
 * duplicate id or an unknown node/instrument leaves nothing behind. Each row is validated before its batch is sent; a
 * ValidationError names it as `rows[<index>].<field>`.
 */
export const bulkLoadPositions = async (
  connection: DatabaseConnection,
  rows: AsyncIterable<PositionInput> | Iterable<PositionInput>,
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> => {
  const { batchSize, mode } = parseInput(bulkLoadOptionsSchema, options, 'bulk load options');
  return withTransaction(connection, async (transaction) => {
    const writer = new PositionWriter(transaction, mode, batchSize);
    try {
      await writer.open();
      let index = 0;
      for await (const input of rows) {
        const parsed = positionInputSchema.safeParse(input);
        if (!parsed.success) {
          const issues = issuesOf(parsed.error.issues).map((issue) => ({
            field: `rows[${index}]${issue.field ? `.${issue.field}` : ''}`,
            message: issue.message,
          }));
          throw new ValidationError(issues, 'position in bulk load');
        }
        await writer.add(parsed.data, index);
        index += 1;
      }
      return await writer.close();
    } catch (error) {
      await writer.abandon();
      throw error;
    }
  });
};
