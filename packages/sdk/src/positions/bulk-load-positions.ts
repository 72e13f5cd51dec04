import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ValidationError } from '../errors/validation-error.js';
import { positionInputSchema, type ParsedPositionInput, type PositionInput } from '../schemas/position.js';
import { issuesOf, parseInput } from '../types/parse-input.js';

export const bulkLoadOptionsSchema = z.strictObject({
  /** Rows per INSERT statement. Default 5 000. */
  batchSize: z.number().int().min(1).max(100_000).default(5_000),
  /** `insert` refuses an existing position_id (ConflictError); `upsert` replaces it. Default `insert`. */
  mode: z.enum(['insert', 'upsert']).default('insert'),
});
export type BulkLoadOptions = z.input<typeof bulkLoadOptionsSchema>;

export interface BulkLoadResult {
  readonly rows: number;
  readonly batches: number;
}

/** One batch held column by column, the shape `unnest` takes. */
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
    this.statuses.push(row.status);
  }
}

const insertBatch = async (connection: DatabaseConnection, batch: PositionColumns, mode: 'insert' | 'upsert') => {
  const onConflict =
    mode === 'upsert'
      ? sql.fragment`ON CONFLICT (position_id) DO UPDATE SET
          portfolio_node_id = EXCLUDED.portfolio_node_id, instrument_id = EXCLUDED.instrument_id,
          quantity = EXCLUDED.quantity, base_ccy = EXCLUDED.base_ccy, cost_basis = EXCLUDED.cost_basis,
          book_value = EXCLUDED.book_value, tags_json = EXCLUDED.tags_json, status = EXCLUDED.status`
      : sql.fragment``;
  const result = await connection.query(sql.unsafe`
    INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value,
                          tags_json, status)
    SELECT position_id, portfolio_node_id, instrument_id, quantity::numeric, base_ccy, cost_basis::numeric,
           book_value::numeric, tags_json::jsonb, status
    FROM unnest(
      ${sql.array(batch.positionIds, 'text')}, ${sql.array(batch.nodeIds, 'text')},
      ${sql.array(batch.instrumentIds, 'text')}, ${sql.array(batch.quantities, 'text')},
      ${sql.array(batch.baseCcys, 'text')}, ${sql.array(batch.costBases, 'text')},
      ${sql.array(batch.bookValues, 'text')}, ${sql.array(batch.tags, 'text')}, ${sql.array(batch.statuses, 'text')}
    ) AS source (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value, tags_json,
                 status)
    ${onConflict}
  `);
  return result.rowCount;
};

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
    let batch = new PositionColumns();
    let index = 0;
    let written = 0;
    let batches = 0;
    for await (const input of rows) {
      const parsed = positionInputSchema.safeParse(input);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error.issues).map((issue) => ({
          field: `rows[${index}]${issue.field ? `.${issue.field}` : ''}`,
          message: issue.message,
        }));
        throw new ValidationError(issues, 'position in bulk load');
      }
      batch.push(parsed.data);
      index += 1;
      if (batch.length === batchSize) {
        written += await insertBatch(transaction, batch, mode);
        batches += 1;
        batch = new PositionColumns();
      }
    }
    if (batch.length > 0) {
      written += await insertBatch(transaction, batch, mode);
      batches += 1;
    }
    return { rows: written, batches };
  });
};
