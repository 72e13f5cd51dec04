import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ValidationError } from '../errors/validation-error.js';
import { positionInputSchema, type ParsedPositionInput, type PositionInput } from '../schemas/position.js';
import { issuesOf, parseInput } from '../types/parse-input.js';
import { positionUpsertAssignments } from './position-upsert-assignments.js';

export const bulkLoadOptionsSchema = z.strictObject({
  /** Rows per batch (one INSERT statement, two when it mixes rows with and without a status). Default 5 000. */
  batchSize: z.number().int().min(1).max(100_000).default(5_000),
  /**
   * `insert` refuses an existing position_id (ConflictError); `upsert` replaces it, keeping its stored status for rows
   * that give none. Default `insert`.
   */
  mode: z.enum(['insert', 'upsert']).default('insert'),
});
export type BulkLoadOptions = z.input<typeof bulkLoadOptionsSchema>;
type LoadMode = z.output<typeof bulkLoadOptionsSchema>['mode'];

export interface BulkLoadResult {
  readonly rows: number;
  readonly batches: number;
}

/** Rows held column by column, the shape `unnest` takes. */
class PositionColumns {
  public positionIds: string[] = [];
  public nodeIds: string[] = [];
  public instrumentIds: string[] = [];
  public quantities: string[] = [];
  public baseCcys: string[] = [];
  public costBases: (string | null)[] = [];
  public bookValues: (string | null)[] = [];
  public tags: string[] = [];
  public statuses: string[] = [];

  public get length(): number {
    return this.positionIds.length;
  }

  public push(row: ParsedPositionInput): void {
    this.positionIds.push(row.position_id);
    this.nodeIds.push(row.portfolio_node_id);
    this.instrumentIds.push(row.instrument_id);
    this.quantities.push(row.quantity);
    this.baseCcys.push(row.base_ccy);
    this.costBases.push(row.cost_basis);
    this.bookValues.push(row.book_value);
    this.tags.push(JSON.stringify(row.tags_json));
    this.statuses.push(row.status ?? 'ACTIVE');
  }
}

/**
 * One batch, split by whether a row gives its status: an upsert sets the status only from rows that give one. Refuses
 * a position_id repeated within the batch (PostgreSQL would report it without saying which rows: 23505 on insert,
 * 21000 on upsert — or, across the two parts, not at all).
 */
class PositionBatch {
  public readonly withStatus = new PositionColumns();
  public readonly withoutStatus = new PositionColumns();
  private readonly rowIndexById = new Map<string, number>();

  public get length(): number {
    return this.rowIndexById.size;
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
    (row.status === undefined ? this.withoutStatus : this.withStatus).push(row);
  }
}

const insertColumns = async (connection: DatabaseConnection, columns: PositionColumns, mode: LoadMode, statusGiven: boolean) => {
  if (columns.length === 0) return 0;
  const onConflict =
    mode === 'upsert' ? sql.fragment`ON CONFLICT (position_id) DO UPDATE SET ${positionUpsertAssignments(statusGiven)}` : sql.fragment``;
  const result = await connection.query(sql.unsafe`
    INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value,
                          tags_json, status)
    SELECT position_id, portfolio_node_id, instrument_id, quantity::numeric, base_ccy, cost_basis::numeric,
           book_value::numeric, tags_json::jsonb, status
    FROM unnest(
      ${sql.array(columns.positionIds, 'text')}, ${sql.array(columns.nodeIds, 'text')},
      ${sql.array(columns.instrumentIds, 'text')}, ${sql.array(columns.quantities, 'text')},
      ${sql.array(columns.baseCcys, 'text')}, ${sql.array(columns.costBases, 'text')},
      ${sql.array(columns.bookValues, 'text')}, ${sql.array(columns.tags, 'text')}, ${sql.array(columns.statuses, 'text')}
    ) AS source (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value, tags_json,
                 status)
    ${onConflict}
  `);
  return result.rowCount;
};

const insertBatch = async (connection: DatabaseConnection, batch: PositionBatch, mode: LoadMode) =>
  (await insertColumns(connection, batch.withStatus, mode, true)) +
  (await insertColumns(connection, batch.withoutStatus, mode, false));

/**
 * Fast path for hundreds of thousands of positions. Reads `rows` as a stream (an async or sync iterable: a generator,
 * a CSV parser, a cursor) and writes them in batched `INSERT … SELECT FROM unnest(…)` statements, holding only one
 * batch in memory. Atomic per call: all rows are written in one transaction (a savepoint when `connection` is already a
 * transaction), so an invalid row, a duplicate id or an unknown node/instrument leaves nothing behind. Each row is
 * validated before its batch is sent; a ValidationError names it as `rows[<index>].<field>`.
 */
export const bulkLoadPositions = async (
  connection: DatabaseConnection,
  rows: AsyncIterable<PositionInput> | Iterable<PositionInput>,
  options: BulkLoadOptions = {},
): Promise<BulkLoadResult> => {
  const { batchSize, mode } = parseInput(bulkLoadOptionsSchema, options, 'bulk load options');
  return withTransaction(connection, async (transaction) => {
    // One batch stays in flight while the next is read and validated, so Node and PostgreSQL work side by side.
    let inFlight: Promise<number> | undefined;
    let written = 0;
    let batches = 0;
    const send = async (batch: PositionBatch) => {
      if (inFlight) written += await inFlight;
      inFlight = insertBatch(transaction, batch, mode);
      // Awaited by the next send or at the end; marked handled so a failure surfaces there, not as an unhandled rejection.
      inFlight.catch(() => undefined);
      batches += 1;
    };
    try {
      let batch = new PositionBatch();
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
        batch.push(parsed.data, index);
        index += 1;
        if (batch.length === batchSize) {
          await send(batch);
          batch = new PositionBatch();
        }
      }
      if (batch.length > 0) await send(batch);
      if (inFlight) written += await inFlight;
      return { rows: written, batches };
    } catch (error) {
      // The transaction can only roll back once the statement still running on its connection has finished.
      await inFlight?.catch(() => undefined);
      throw error;
    }
  });
};
