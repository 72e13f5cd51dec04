import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import { copyFromStdin, openCopyFromStdin, type OpenCopy } from '../connection/copy-from-stdin.js';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { postgresFieldsOf } from '../errors/postgres-fields-of.js';
import { ValidationError } from '../errors/validation-error.js';
import { parsePositionInput } from '../schemas/parse-position-input.js';
import type { ParsedPositionInput, PositionInput } from '../schemas/position.js';
import { copyTextChunks, copyTextLine } from '../sql/copy-text.js';
import { issuesOf, parseInput } from '../types/parse-input.js';
import { positionDiffers, positionUpsertAssignments } from './position-upsert-assignments.js';

const bulkLoadOptionsSchema = z.strictObject({
  /**
   * Rows validated and held at a time. `insert` streams them through a COPY that stays open across batches; `upsert`
   * runs one COPY per batch into its staging table and one INSERT … SELECT per kind of row (with and without a status).
   * Default 20 000: PostgreSQL spends more per row on many short statements than on few long ones (at 1M positions,
   * COPYs of 5 000 rows took the server ~10 % longer than one COPY; of 20 000, ~2 %).
   */
  batchSize: z.number().int().min(1).max(100_000).default(20_000),
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
// A batch without tags leaves tags_json to its default ('{}'): parsing '{}' as jsonb on every row cost PostgreSQL ~5 %
// of a COPY into position.
const untaggedPositionColumns = sql.fragment`(position_id, portfolio_node_id, instrument_id, quantity, base_ccy,
  cost_basis, book_value, status)`;

// Upserts COPY each batch here first, then move it into position with the no-rewrite rule.
const stagingTable = sql.identifier(['iprs_position_load']);

const isEmptyObject = (value: object) => {
  for (const _ in value) return false;
  return true;
};

/**
 * A validated position as the COPY text a batch needs: worked out by `preparePosition` wherever the caller has time to
 * spare (an ingest does it while it parses, while PostgreSQL is busy with the batch before), so that adding it to a
 * batch is only bookkeeping.
 */
export interface PreparedPosition {
  readonly position_id: string;
  readonly status: string | undefined;
  /** The tags_json field as COPY text; undefined for a row without tags. */
  readonly tags: string | undefined;
  /** The fields up to book_value as a COPY line, without its line end. */
  readonly linePrefix: string;
}

export const preparePosition = (row: ParsedPositionInput): PreparedPosition => ({
  position_id: row.position_id,
  status: row.status,
  tags: isEmptyObject(row.tags_json) ? undefined : copyTextLine([JSON.stringify(row.tags_json)]).slice(0, -1),
  linePrefix: copyTextLine([
    row.position_id,
    row.portfolio_node_id,
    row.instrument_id,
    row.quantity,
    row.base_ccy,
    row.cost_basis,
    row.book_value,
  ]).slice(0, -1),
});

/**
 * One batch as COPY text lines without their status field, which depends on where a line goes (below). Refuses a
 * position_id repeated within the batch (PostgreSQL would report it without saying which rows: 23505 on insert, 21000
 * on upsert — or, across rows with and without a status, not at all).
 */
class PositionBatch {
  public readonly ids: string[] = [];
  private readonly linePrefixes: string[] = [];
  /** The tags_json field of each row as COPY text; undefined for a row without tags. */
  private readonly tags: (string | undefined)[] = [];
  private readonly statuses: (string | undefined)[] = [];
  private readonly rowIndexById = new Map<string, number>();

  public get length(): number {
    return this.ids.length;
  }

  public push(row: PreparedPosition, rowIndex: number): void {
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
    this.ids.push(row.position_id);
    this.statuses.push(row.status);
    this.tags.push(row.tags);
    this.linePrefixes.push(row.linePrefix);
  }

  /** Whether one of the rows at `indexes` has tags. */
  public hasTags(indexes: readonly number[]): boolean {
    return indexes.some((index) => this.tags[index] !== undefined);
  }

  /**
   * The rows at `indexes` (all when omitted) as COPY lines. A line for position itself stores ACTIVE when the row gives
   * no status; a line for the staging table stages NULL instead, so that an existing position keeps its stored status.
   * The lines hold the tags field when a chosen row has tags, when `withTags` says so, and always for the staging table.
   */
  public lines(target: 'position' | 'staging', indexes?: readonly number[], withTags = false): RowLines {
    const chosen = indexes ?? Array.from({ length: this.length }, (_, index) => index);
    const missingStatus = target === 'position' ? '\tACTIVE\n' : '\t\\N\n';
    // The staging table has no defaults: it always gets the tags.
    const tagged = withTags || target === 'staging' || this.hasTags(chosen);
    const lines: string[] = [];
    let withStatus = 0;
    for (const index of chosen) {
      const status = this.statuses[index];
      if (status !== undefined) withStatus += 1;
      const tags = tagged ? `\t${this.tags[index] ?? '{}'}` : '';
      lines.push(this.linePrefixes[index] + tags + (status === undefined ? missingStatus : `\t${status}\n`));
    }
    return { lines, withStatus, tagged };
  }
}

interface RowLines {
  readonly lines: readonly string[];
  /** How many of the lines give a status. */
  readonly withStatus: number;
  /** Whether the lines hold the tags_json field (else every row leaves it to its default). */
  readonly tagged: boolean;
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

const copyIntoPositionStatement = (tagged: boolean) =>
  sql.fragment`COPY position ${tagged ? positionColumns : untaggedPositionColumns} FROM STDIN`;

const copyIntoPosition = (connection: DatabaseConnection, rows: RowLines) =>
  copyFromStdin(connection, copyIntoPositionStatement(rows.tagged), copyTextChunks(rows.lines));

/**
 * Insert mode's COPY into position, open across batches: PostgreSQL takes them as one statement, without the
 * per-statement cost and without waiting between batches. Its column list holds tags_json once a batch has tags.
 */
interface PositionCopy {
  readonly copy: OpenCopy;
  readonly tagged: boolean;
  /** performance.now() after which it takes no more rows: the next ones go into a new COPY. */
  readonly endBy: number;
  /** Rows written into it so far. */
  rows: number;
}

/**
 * Batches one COPY takes at most, whatever the timeout (none, say): PostgreSQL keeps a pending foreign-key check per
 * row until the statement ends, so a COPY of millions of rows would hold them all at once.
 */
const batchesPerCopy = 10;

/**
 * How long the load waits for a row source's next row with a COPY open before it ends the COPY. A source that makes
 * the load wait (a paged API, a slow network) must not hold the COPY open meanwhile: statement_timeout runs on.
 */
const idleCopyMs = 20;

const idle = Symbol('idle');

/**
 * The share of the session's statement_timeout for which insert mode's COPY takes rows. statement_timeout bounds each
 * statement from its start to its end, however long the client takes to send the data, so one COPY for a whole load of
 * millions of rows would outlast it; a quarter leaves the rest for PostgreSQL to finish the rows still queued.
 */
const copyShareOfStatementTimeout = 0.25;

/** Upserts rows through the staging table; resolves to the number of positions inserted or changed. */
const upsertThroughStaging = async (connection: DatabaseConnection, rows: RowLines): Promise<number> => {
  await copyFromStdin(
    connection,
    sql.fragment`COPY ${stagingTable} ${positionColumns} FROM STDIN`,
    copyTextChunks(rows.lines),
  );
  let written = 0;
  if (rows.withStatus > 0) written += await upsertStaged(connection, true);
  if (rows.withStatus < rows.lines.length) written += await upsertStaged(connection, false);
  await connection.query(sql.unsafe`TRUNCATE ${stagingTable}`);
  return written;
};

const isUniqueViolation = (error: unknown) => postgresFieldsOf(error).code === '23505';

/** COPYs rows straight into position in a savepoint; resolves to undefined when one of them is stored already. */
const copyIfAllNew = async (connection: DatabaseConnection, rows: RowLines): Promise<number | undefined> => {
  try {
    return await connection.transaction((savepoint) => copyIntoPosition(savepoint, rows));
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
};

/**
 * What the last upserted batch held, which is the best guess for the next one: only new positions (a first load), only
 * stored ones (a re-upload), or both.
 */
type BatchContents = 'new' | 'stored' | 'mixed';

interface UpsertedBatch {
  /** Positions inserted or changed. */
  readonly written: number;
  readonly contents: BatchContents;
}

const contentsOf = (newRows: number, storedRows: number): BatchContents =>
  storedRows === 0 ? 'new' : newRows === 0 ? 'stored' : 'mixed';

/**
 * Upserts one batch by the cheapest path for what the batch before held. New positions are copied straight into
 * position, half the server's work of staging them; stored ones go through the staging table. After a batch of only
 * new positions, the whole batch is copied straight away; after one of only stored positions, the whole batch is
 * staged (staging settles a new position too); otherwise its ids are looked up and the batch split. A straight COPY
 * runs in a savepoint: one that meets a stored key, even one another transaction inserted after the look-up, is
 * rolled back and its rows are looked up, or staged, instead — the staging table's ON CONFLICT settles them as any
 * upsert would.
 */
const upsertBatch = async (
  connection: DatabaseConnection,
  batch: PositionBatch,
  expected: BatchContents,
): Promise<UpsertedBatch> => {
  if (expected === 'stored')
    return { written: await upsertThroughStaging(connection, batch.lines('staging')), contents: 'stored' };
  if (expected === 'new') {
    const written = await copyIfAllNew(connection, batch.lines('position'));
    if (written !== undefined) return { written, contents: 'new' };
  }
  const stored = new Set(
    await connection.anyFirst(
      sql.type(z.object({ position_id: z.string() }))`
        SELECT position_id FROM position WHERE position_id = ANY(${sql.array(batch.ids, 'text')})
      `,
    ),
  );
  const newRows: number[] = [];
  const storedRows: number[] = [];
  batch.ids.forEach((id, index) => (stored.has(id) ? storedRows : newRows).push(index));
  let written = storedRows.length > 0 ? await upsertThroughStaging(connection, batch.lines('staging', storedRows)) : 0;
  if (newRows.length > 0) {
    written +=
      (await copyIfAllNew(connection, batch.lines('position', newRows))) ??
      (await upsertThroughStaging(connection, batch.lines('staging', newRows)));
  }
  return { written, contents: contentsOf(newRows.length, storedRows.length) };
};

/**
 * While a batch is in flight, filling the next one yields to the event loop every this many rows. Rows that come from
 * a synchronous source are validated in one unbroken chain of promises, during which the socket never gets to send
 * the COPY data of the batch in flight: PostgreSQL would wait for the whole next batch to be validated first.
 */
const rowsBetweenYields = 100;

/**
 * Insert mode writes the batch being filled into its open COPY every this many rows, rather than when the batch is
 * full, so that PostgreSQL starts on the first rows at once instead of after a whole batch has been validated.
 */
const rowsPerCopyWrite = 1_000;

/**
 * Writes validated positions batch by batch inside the transaction it is given: `open` first, `add` each row, `close`
 * at the end. One batch stays in flight while the next is filled, so Node and PostgreSQL work side by side; `flush`
 * waits for everything added so far, for a caller that queries the same transaction in between. Insert mode keeps one
 * COPY open across batches, until `flush`, `waitForWrites`, `close`, the first tagged rows of an untagged COPY, or a
 * quarter of the session's statement_timeout.
 */
export class PositionWriter {
  private batch: PositionBatch;
  private inFlight: Promise<UpsertedBatch> | undefined;
  private openCopy: PositionCopy | undefined;
  /** Insert mode: how many rows of the batch being filled are in the open COPY already. */
  private copiedRows = 0;
  /** Insert mode: how long one COPY takes rows (from the session's statement_timeout; none: as long as the load). */
  private copyLifetimeMs = Number.POSITIVE_INFINITY;
  private lastBatch: BatchContents = 'new';
  private loaded = 0;
  private written = 0;
  private batches = 0;
  private rowsSinceYield = 0;

  public constructor(
    private readonly transaction: DatabaseTransactionConnection,
    private readonly mode: LoadMode,
    private readonly batchSize: number,
  ) {
    this.batch = new PositionBatch();
  }

  public async open(): Promise<void> {
    if (this.mode === 'insert') {
      const statementTimeoutMs = await this.transaction.oneFirst(sql.type(z.object({ ms: z.number() }))`
        SELECT setting::int AS ms FROM pg_settings WHERE name = 'statement_timeout'
      `);
      if (statementTimeoutMs > 0) this.copyLifetimeMs = statementTimeoutMs * copyShareOfStatementTimeout;
      return;
    }
    await this.transaction.query(sql.unsafe`
      CREATE TEMPORARY TABLE ${stagingTable} (
        position_id text, portfolio_node_id text, instrument_id text, quantity numeric, base_ccy text,
        cost_basis numeric, book_value numeric, tags_json jsonb, status text
      ) ON COMMIT DROP
    `);
  }

  /** Adds a validated row; `index` names it in the error when its position_id repeats one of its batch. */
  public async add(row: PreparedPosition, index: number): Promise<void> {
    this.batch.push(row, index);
    if (this.batch.length === this.batchSize) await this.send();
    else if (this.mode === 'insert' && this.batch.length - this.copiedRows === rowsPerCopyWrite) await this.copyRows();
    else await this.pace();
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

  /**
   * Awaits a row source's `next`; ends insert mode's open COPY when that takes longer than `idleCopyMs`, so that
   * statement_timeout does not run on while the source keeps the load waiting.
   */
  public async nextRow<T>(next: Promise<T>): Promise<T> {
    if (this.openCopy === undefined) return next;
    let timer: NodeJS.Timeout | undefined;
    try {
      const first = await Promise.race([
        next,
        new Promise<typeof idle>((resolve) => (timer = setTimeout(resolve, idleCopyMs, idle))),
      ]);
      if (first !== idle) return first;
    } finally {
      clearTimeout(timer);
    }
    await this.settle();
    return next;
  }

  /**
   * Waits for the batch in flight (not sending the one being filled), e.g. before another query on the transaction;
   * ends insert mode's open COPY.
   */
  public async waitForWrites(): Promise<void> {
    await this.settle();
  }

  /**
   * For a caller that works synchronously between rows (parsing, validating), once per row: while a batch is in
   * flight, yields to the event loop every few rows, so that its COPY data and its next statement go out meanwhile.
   */
  public async pace(): Promise<void> {
    this.rowsSinceYield += 1;
    if (this.rowsSinceYield >= rowsBetweenYields && (this.inFlight !== undefined || this.openCopy !== undefined)) {
      this.rowsSinceYield = 0;
      await yieldToEventLoop();
    }
  }

  /**
   * After a failure: fails an open COPY and waits for the statement still running, as the transaction can only roll
   * back once it is done.
   */
  public async abandon(): Promise<void> {
    const openCopy = this.openCopy;
    this.openCopy = undefined;
    await openCopy?.copy.abort(new Error('the bulk load failed before its last row'));
    await this.inFlight?.catch(() => undefined);
  }

  private async send(): Promise<void> {
    const batch = this.batch;
    this.batch = new PositionBatch();
    this.loaded += batch.length;
    this.batches += 1;
    if (this.mode === 'insert') {
      await this.copyRows(batch);
      this.copiedRows = 0;
      return;
    }
    await this.settle();
    this.inFlight = upsertBatch(this.transaction, batch, this.lastBatch);
    // Awaited by the next send or flush; marked handled so a failure surfaces there, not as an unhandled rejection.
    this.inFlight.catch(() => undefined);
  }

  /** Insert mode: writes the rows of `batch` (the batch being filled, by default) not yet copied into the open COPY. */
  private async copyRows(batch = this.batch): Promise<void> {
    const first = this.copiedRows;
    if (first === batch.length) return;
    this.copiedRows = batch.length;
    const indexes = Array.from({ length: batch.length - first }, (_, offset) => first + offset);
    const hasTags = batch.hasTags(indexes);
    // A COPY opened without tags_json ends at the first rows with tags; one with it sends '{}' for untagged rows.
    const ending =
      this.openCopy !== undefined &&
      ((!this.openCopy.tagged && hasTags) ||
        performance.now() >= this.openCopy.endBy ||
        this.openCopy.rows >= batchesPerCopy * this.batchSize);
    if (ending) await this.settle();
    this.openCopy ??= {
      copy: openCopyFromStdin(this.transaction, copyIntoPositionStatement(hasTags)),
      tagged: hasTags,
      endBy: performance.now() + this.copyLifetimeMs,
      rows: 0,
    };
    this.openCopy.rows += indexes.length;
    await this.openCopy.copy.write(copyTextChunks(batch.lines('position', indexes, this.openCopy.tagged).lines));
  }

  private async settle(): Promise<void> {
    const openCopy = this.openCopy;
    this.openCopy = undefined;
    if (openCopy !== undefined) this.written += await openCopy.copy.end();
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    if (inFlight === undefined) return;
    const { written, contents } = await inFlight;
    this.written += written;
    this.lastBatch = contents;
  }
}

/** `rows` with each next row awaited through the writer (PositionWriter.nextRow). */
const nextRowsThrough = <T>(writer: PositionWriter, rows: AsyncIterable<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: () => {
    const iterator = rows[Symbol.asyncIterator]();
    return {
      next: () => writer.nextRow(iterator.next()),
      return: async (value?: unknown) => (await iterator.return?.(value)) ?? { done: true, value: undefined },
    };
  },
});

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
      for await (const input of Symbol.asyncIterator in rows ? nextRowsThrough(writer, rows) : rows) {
        const parsed = parsePositionInput(input);
        if (!parsed.success) {
          const issues = issuesOf(parsed.error.issues).map((issue) => ({
            field: `rows[${index}]${issue.field ? `.${issue.field}` : ''}`,
            message: issue.message,
          }));
          throw new ValidationError(issues, 'position in bulk load');
        }
        await writer.add(preparePosition(parsed.data), index);
        index += 1;
      }
      return await writer.close();
    } catch (error) {
      await writer.abandon();
      throw error;
    }
  });
};
