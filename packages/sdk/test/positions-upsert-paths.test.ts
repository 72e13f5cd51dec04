import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bulkLoadPositions,
  DatabaseError,
  getPosition,
  ValidationError,
  withTransaction,
  type PositionInput,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
const otherWriter = await openPool(databaseUrl);
afterAll(async () => {
  await otherWriter.end();
});
await seedInstruments(pool, ['UP-A']);
await seedTree(pool, 'UP');

// Which statements wrote rows into position, and how many each: a COPY straight into the table, or the upsert's
// INSERT … SELECT from the staging table.
for (const statement of [
  sql.unsafe`CREATE TABLE position_write_log (statement text, rows int)`,
  sql.unsafe`
    CREATE FUNCTION log_position_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO position_write_log SELECT substring(current_query() FROM '[[:alpha:]]+'), count(*) FROM written;
      RETURN NULL;
    END $$
  `,
  sql.unsafe`
    CREATE TRIGGER position_inserts AFTER INSERT ON position REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION log_position_write()
  `,
  sql.unsafe`
    CREATE TRIGGER position_updates AFTER UPDATE ON position REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION log_position_write()
  `,
])
  await pool.query(statement);

const writesSince = async (action: () => Promise<unknown>) => {
  await pool.query(sql.unsafe`TRUNCATE position_write_log`);
  await action();
  const rows = await pool.any(sql.type(z.object({ statement: z.string(), rows: z.number() }))`
    SELECT statement, sum(rows)::int AS rows FROM position_write_log WHERE rows > 0 GROUP BY statement ORDER BY statement
  `);
  return Object.fromEntries(rows.map((row) => [row.statement, row.rows]));
};

const positions = (prefix: string, count: number, quantity = '1'): PositionInput[] =>
  Array.from({ length: count }, (_, index) => ({
    position_id: `${prefix}-${index}`,
    portfolio_node_id: 'UP-BOOK',
    instrument_id: 'UP-A',
    quantity,
    base_ccy: 'EUR',
    ...(index % 2 === 0 ? { status: 'ACTIVE' as const } : {}),
  }));

describe('bulk upsert: new positions are copied straight into position', () => {
  it('copies a book of new positions into position with no staging, batch by batch', async () => {
    expect(
      await writesSince(() => bulkLoadPositions(pool, positions('new', 250), { mode: 'upsert', batchSize: 100 })),
    ).toEqual({ COPY: 250 });
    expect(await getPosition(pool, 'new-1')).toMatchObject({ status: 'ACTIVE', quantity: '1' });
  });

  it('stages only the stored positions of a mixed batch, and writes only the changed ones', async () => {
    await bulkLoadPositions(pool, positions('mixed', 60), { mode: 'upsert' });
    const next = [
      ...positions('mixed', 60).map((row, index) => (index < 10 ? { ...row, quantity: '2' } : row)),
      ...positions('mixed-extra', 40),
    ];
    let result;
    const writes = await writesSince(async () => {
      result = await bulkLoadPositions(pool, next, { mode: 'upsert', batchSize: 1_000 });
    });
    expect(writes).toEqual({ COPY: 40, INSERT: 10 });
    expect(result).toEqual({ rows: 100, written: 50, unchanged: 50, batches: 1 });
    expect(await getPosition(pool, 'mixed-0')).toMatchObject({ quantity: '2' });
  });

  it('batches of new, stored and mixed positions in one load: each written once, by the right path', async () => {
    await bulkLoadPositions(pool, positions('seq-stored', 150), { mode: 'upsert' });
    const stored = positions('seq-stored', 150, '5');
    const rows = [
      ...positions('seq-new-a', 50), // new: copied
      ...stored.slice(0, 25), // mixed: the stored half staged, the new half copied
      ...positions('seq-new-b', 25),
      ...positions('seq-new-c', 50), // new after a mixed batch: looked up, copied
      ...stored.slice(25, 75), // stored: the straight COPY fails on the first, so all are looked up and staged
      ...stored.slice(75, 124), // stored after stored: staged, the one new position with them
      ...positions('seq-new-d', 1),
    ];
    let result;
    const writes = await writesSince(async () => {
      result = await bulkLoadPositions(pool, rows, { mode: 'upsert', batchSize: 50 });
    });
    expect(result).toEqual({ rows: 250, written: 250, unchanged: 0, batches: 5 });
    expect(writes).toEqual({ COPY: 125, INSERT: 125 });
    const quantities = await pool.any(sql.type(z.object({ quantity: z.string(), n: z.number() }))`
      SELECT quantity::text, count(*)::int AS n FROM position WHERE position_id LIKE 'seq-%'
      GROUP BY quantity ORDER BY quantity
    `);
    expect(quantities).toEqual([
      { quantity: '1', n: 126 + 26 },
      { quantity: '5', n: 124 },
    ]);
  });

  it('a row without status keeps a stored position status and stores ACTIVE for a new one', async () => {
    const closed = { ...positions('status', 1)[0]!, status: 'CLOSED' as const };
    await bulkLoadPositions(pool, [closed], { mode: 'upsert' });
    const { status: _status, ...withoutStatus } = closed;
    const fresh = { ...withoutStatus, position_id: 'status-new' };
    await bulkLoadPositions(pool, [{ ...withoutStatus, quantity: '3' }, fresh], { mode: 'upsert' });
    expect(await getPosition(pool, 'status-0')).toMatchObject({ status: 'CLOSED', quantity: '3' });
    expect(await getPosition(pool, 'status-new')).toMatchObject({ status: 'ACTIVE' });
  });

  it.each([
    ['commits', 'the load settles it as an upsert'],
    ['rolls back', 'the load inserts it'],
  ] as const)(
    'a position another transaction inserts between the look-up and the COPY: when it %s, %s',
    async (outcome, _what) => {
      const prefix = outcome === 'commits' ? 'race-commit' : 'race-rollback';
      const rows = positions(prefix, 20, '7');
      let finishOther!: () => void;
      const otherMayFinish = new Promise<void>((resolve) => (finishOther = resolve));
      let otherInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (otherInserted = resolve));
      const other = withTransaction(otherWriter, async (transaction) => {
        await transaction.query(sql.unsafe`
          INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, status)
          VALUES (${`${prefix}-5`}, 'UP-BOOK', 'UP-A', 99, 'EUR', 'CLOSED')
        `);
        otherInserted();
        await otherMayFinish;
        if (outcome === 'rolls back') throw new Error('rolled back on purpose');
      }).catch((error: unknown) => error);
      await inserted;

      const load = bulkLoadPositions(pool, rows, { mode: 'upsert' });
      try {
        // The look-up did not see the uncommitted row, so the COPY waits on its key until the other transaction ends.
        await expect
          .poll(
            () =>
              pool.oneFirst(sql.type(z.object({ waiting: z.number() }))`
                SELECT count(*)::int AS waiting FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE 'COPY position %'
              `),
            { timeout: 10_000, interval: 50 },
          )
          .toBe(1);
      } finally {
        finishOther();
        await other;
      }

      expect(await load).toEqual({ rows: 20, written: 20, unchanged: 0, batches: 1 });
      const count = await pool.oneFirst(sql.type(z.object({ n: z.number() }))`
        SELECT count(*)::int AS n FROM position WHERE position_id LIKE ${`${prefix}-%`} AND quantity = 7
      `);
      expect(count).toBe(20);
      // Row 5 gives no status: after the other transaction's commit it is a stored position, whose status stays.
      expect(await getPosition(pool, `${prefix}-5`)).toMatchObject({
        status: outcome === 'commits' ? 'CLOSED' : 'ACTIVE',
      });
    },
    20_000,
  );
});

describe('bulk insert: every batch goes through one COPY', () => {
  const refusedId = 'stream-refused';
  const refusingTrigger = async (action: () => Promise<unknown>) => {
    await pool.query(sql.unsafe`
      CREATE FUNCTION refuse_marked_position() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'position % refused by the test', NEW.position_id;
      END $$
    `);
    await pool.query(sql.unsafe`
      CREATE TRIGGER refuse_marked_position BEFORE INSERT ON position FOR EACH ROW
        WHEN (NEW.position_id = ${sql.literalValue(refusedId)}) EXECUTE FUNCTION refuse_marked_position()
    `);
    try {
      return await action();
    } finally {
      await pool.query(sql.unsafe`DROP TRIGGER refuse_marked_position ON position`);
      await pool.query(sql.unsafe`DROP FUNCTION refuse_marked_position()`);
    }
  };

  it('writes a load of many batches in one COPY statement, and says how many batches it held', async () => {
    await pool.query(sql.unsafe`TRUNCATE position_write_log`);
    const result = await bulkLoadPositions(pool, positions('one-copy', 250), { batchSize: 100 });
    const statements = await pool.any(sql.type(z.object({ statement: z.string(), rows: z.number() }))`
      SELECT statement, rows FROM position_write_log WHERE rows > 0
    `);
    expect(statements).toEqual([{ statement: 'COPY', rows: 250 }]);
    expect(result).toEqual({ rows: 250, written: 250, unchanged: 0, batches: 3 });
  });

  /** Loads `rows` in batches of 100 under a statement_timeout; says what the load returned and each COPY's rows. */
  const loadUnderTimeout = async (
    statementTimeoutMs: number,
    rows: Iterable<PositionInput> | AsyncIterable<PositionInput>,
  ) => {
    await pool.query(sql.unsafe`TRUNCATE position_write_log`);
    const result = await withTransaction(pool, async (transaction) => {
      await transaction.query(sql.unsafe`SELECT set_config('statement_timeout', ${String(statementTimeoutMs)}, true)`);
      return bulkLoadPositions(transaction, rows, { batchSize: 100 });
    });
    const copies = await pool.anyFirst(sql.type(z.object({ rows: z.number() }))`
      SELECT rows FROM position_write_log WHERE statement = 'COPY' AND rows > 0
    `);
    return { result, copies, copiedRows: copies.reduce((sum, rows) => sum + rows, 0) };
  };

  it('ends its COPY after a quarter of statement_timeout and goes on in a new one, so a longer load completes', async () => {
    // Rows come steadily, never idle long enough to end the COPY on that account: ~3 s of them against a 2 s timeout.
    function* steadyRows(): Generator<PositionInput> {
      for (const row of positions('timed', 3_000)) {
        for (const until = performance.now() + 1; performance.now() < until;);
        yield row;
      }
    }
    const { result, copies, copiedRows } = await loadUnderTimeout(2_000, steadyRows());
    expect(result).toEqual({ rows: 3_000, written: 3_000, unchanged: 0, batches: 30 });
    // ~3 s of rows at one COPY per 500 ms.
    expect(copies.length).toBeGreaterThanOrEqual(4);
    expect(copiedRows).toBe(3_000);
  });

  it('ends its COPY after ten batches, whatever the timeout', async () => {
    expect((await loadUnderTimeout(0, positions('capped', 2_500))).copies).toEqual([1_000, 1_000, 500]);
  });

  it('ends its COPY while the row source keeps it waiting, so a pause longer than statement_timeout is no failure', async () => {
    async function* pausingRows(): AsyncGenerator<PositionInput> {
      for (const [index, row] of positions('paused', 600).entries()) {
        if (index === 300) await new Promise((resolve) => setTimeout(resolve, 1_500));
        yield row;
      }
    }
    const { result, copies, copiedRows } = await loadUnderTimeout(1_000, pausingRows());
    expect(result).toMatchObject({ rows: 600, written: 600 });
    // One COPY before the pause and one after it, at least (a long garbage collection may end one more).
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(copiedRows).toBe(600);
  });

  it('a refusal by PostgreSQL mid-stream surfaces as its error, stops reading rows and leaves nothing', async () => {
    let pulled = 0;
    async function* rows(): AsyncGenerator<PositionInput> {
      for (const [index, row] of positions('refused', 5_000).entries()) {
        pulled += 1;
        // Later batches come slowly, so that PostgreSQL refuses row 1 000 while the load still reads rows.
        if (index > 1_200 && index % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        yield index === 1_000 ? { ...row, position_id: refusedId } : row;
      }
    }
    const error = await refusingTrigger(() =>
      bulkLoadPositions(pool, rows(), { batchSize: 200 }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toContain(`position ${refusedId} refused by the test`);
    expect(pulled).toBeLessThan(5_000);
    expect(await pool.oneFirst(sql.unsafe`SELECT count(*)::int FROM position WHERE position_id LIKE 'refused-%'`)).toBe(
      0,
    );
  });

  it.each([
    ['an invalid row', 'rows[450].quantity'],
    ['a refusal by PostgreSQL', undefined],
  ] as const)(
    'after %s mid-stream in a caller transaction, the transaction goes on and commits its own work',
    async (_cause, field) => {
      const prefix = field ? 'caller-invalid' : 'caller-refused';
      const rows = positions(prefix, 600).map((row, index) =>
        index === 450 ? (field ? { ...row, quantity: 'many' } : { ...row, position_id: refusedId }) : row,
      );
      const error = await refusingTrigger(() =>
        withTransaction(pool, async (transaction) => {
          const failure = await bulkLoadPositions(transaction, rows, { batchSize: 100 }).catch((e: unknown) => e);
          await transaction.query(sql.unsafe`
            INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy)
            VALUES (${`${prefix}-after`}, 'UP-BOOK', 'UP-A', 1, 'EUR')
          `);
          return failure;
        }),
      );
      if (field) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe(field);
      } else {
        expect((error as Error).message).toContain('refused by the test');
      }
      const stored = await pool.anyFirst(sql.type(z.object({ position_id: z.string() }))`
        SELECT position_id FROM position WHERE position_id LIKE ${`${prefix}-%`}
      `);
      expect(stored).toEqual([`${prefix}-after`]);
    },
  );
});

describe('bulk loads leave tags_json to its default in a batch without tags', () => {
  it('sends tags_json only for batches that have tags, and every row stores what it was given', async () => {
    await pool.query(sql.unsafe`CREATE TABLE IF NOT EXISTS position_copy_log (with_tags boolean, rows int)`);
    await pool.query(sql.unsafe`
      CREATE OR REPLACE FUNCTION log_position_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO position_copy_log SELECT current_query() ~ 'tags_json', count(*) FROM written
          WHERE current_query() ~ '^COPY position ' HAVING count(*) > 0;
        RETURN NULL;
      END $$
    `);
    await pool.query(sql.unsafe`
      CREATE OR REPLACE TRIGGER position_copies AFTER INSERT ON position REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION log_position_copy()
    `);
    const tagged = (prefix: string, tagAt: number): PositionInput[] =>
      positions(prefix, 9).map((row, index) => (index === tagAt ? { ...row, tags_json: { desk: `d-${index}` } } : row));
    // Batches of three: the first and third without tags, the second with one tagged row. Insert mode's one COPY
    // reopens with tags_json at the tagged batch and keeps it; upsert mode decides batch by batch.
    const copiesByMode = {
      insert: [
        { with_tags: false, rows: 3 },
        { with_tags: true, rows: 6 },
      ],
      upsert: [
        { with_tags: false, rows: 3 },
        { with_tags: false, rows: 3 },
        { with_tags: true, rows: 3 },
      ],
    };
    for (const mode of ['insert', 'upsert'] as const) {
      await pool.query(sql.unsafe`TRUNCATE position_copy_log`);
      const rows = tagged(`tags-${mode}`, 4);
      expect(await bulkLoadPositions(pool, rows, { batchSize: 3, mode })).toMatchObject({ rows: 9, batches: 3 });
      const copies = await pool.any(sql.type(z.object({ with_tags: z.boolean(), rows: z.number() }))`
        SELECT with_tags, rows FROM position_copy_log ORDER BY with_tags, rows
      `);
      expect(copies, mode).toEqual(copiesByMode[mode]);
      for (const [index, row] of rows.entries()) {
        const stored = await getPosition(pool, `tags-${mode}-${index}`);
        expect(stored?.tags_json, `${mode} ${index}`).toEqual(row.tags_json ?? {});
      }
    }
    await pool.query(sql.unsafe`DROP TRIGGER position_copies ON position`);
  });
});
