import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  bulkLoadPositions,
  closePosition,
  ConflictError,
  createPosition,
  getPosition,
  InvalidReferenceError,
  listPositionsByInstrument,
  listPositionsByNode,
  NotFoundError,
  softDeletePosition,
  sql,
  upsertPosition,
  ValidationError,
  withTransaction,
  type PositionInput,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { countRows, seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['POS-A', 'POS-B']);
const tree = await seedTree(pool, 'P');

describe('positions', () => {
  it('creates, reads, upserts, closes and soft-deletes', async () => {
    const created = await createPosition(pool, {
      position_id: 'pos-1',
      portfolio_node_id: tree.book.portfolio_node_id,
      instrument_id: 'POS-A',
      quantity: '100.50',
      base_ccy: 'EUR',
      cost_basis: '99.5',
      tags_json: { trader: 'kim' },
    });
    expect(created).toMatchObject({
      status: 'ACTIVE',
      quantity: '100.5',
      book_value: null,
      tags_json: { trader: 'kim' },
    });
    await expect(createPosition(pool, { ...created, position_id: 'pos-1' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      createPosition(pool, {
        position_id: 'pos-1',
        portfolio_node_id: 'P-BOOK',
        instrument_id: 'POS-A',
        quantity: 1,
        base_ccy: 'EUR',
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    const upserted = await upsertPosition(pool, {
      position_id: 'pos-1',
      portfolio_node_id: tree.strategy.portfolio_node_id,
      instrument_id: 'POS-A',
      quantity: '200',
      base_ccy: 'EUR',
      book_value: '210.25',
    });
    expect(upserted).toMatchObject({
      portfolio_node_id: 'P-STRAT',
      quantity: '200',
      book_value: '210.25',
      cost_basis: null,
    });
    expect((await getPosition(pool, 'pos-1')).quantity).toBe('200');

    expect((await closePosition(pool, 'pos-1')).status).toBe('CLOSED');
    expect((await closePosition(pool, 'pos-1')).status).toBe('CLOSED');
    expect((await softDeletePosition(pool, 'pos-1')).status).toBe('DELETED');
    await expect(closePosition(pool, 'pos-1')).rejects.toBeInstanceOf(ConflictError);
    await expect(getPosition(pool, 'missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(closePosition(pool, 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists by node (direct or subtree) and by instrument, hiding soft-deleted ones unless asked', async () => {
    const make = (id: string, node: string, instrument: string) =>
      createPosition(pool, {
        position_id: id,
        portfolio_node_id: node,
        instrument_id: instrument,
        quantity: '1',
        base_ccy: 'USD',
      });
    await make('L-1', 'P-DESK', 'POS-B');
    await make('L-2', 'P-BOOK', 'POS-B');
    await make('L-3', 'P-STRAT', 'POS-B');
    await softDeletePosition(pool, 'L-3');
    await closePosition(pool, 'L-2');
    const ids = (rows: readonly { position_id: string }[]) => rows.map((row) => row.position_id);

    expect(ids(await listPositionsByNode(pool, 'P-BOOK'))).toEqual(['L-2']);
    expect(ids(await listPositionsByNode(pool, 'P-DESK', { subtree: true }))).toEqual(['L-1', 'L-2']);
    expect(ids(await listPositionsByNode(pool, 'P-DESK', { subtree: true, statuses: ['ACTIVE'] }))).toEqual(['L-1']);
    expect(ids(await listPositionsByNode(pool, 'P-FUND', { subtree: true, statuses: ['DELETED'] }))).toEqual([
      'L-3',
      'pos-1',
    ]);
    expect(ids(await listPositionsByInstrument(pool, 'POS-B', { statuses: ['ACTIVE', 'CLOSED', 'DELETED'] }))).toEqual([
      'L-1',
      'L-2',
      'L-3',
    ]);
    expect(ids(await listPositionsByInstrument(pool, 'POS-B', { limit: 1, after: 'L-1' }))).toEqual(['L-2']);
    await expect(listPositionsByNode(pool, 'P-BOOK', { statuses: ['OPEN' as 'ACTIVE'] })).rejects.toMatchObject({
      field: 'statuses.0',
    });
  });

  it('an upsert without a status keeps the stored one: it never reopens a closed or deleted position by accident', async () => {
    const holding = {
      position_id: 'keep-1',
      portfolio_node_id: 'P-BOOK',
      instrument_id: 'POS-A',
      quantity: '1',
      base_ccy: 'USD',
    };
    expect((await upsertPosition(pool, holding)).status).toBe('ACTIVE');
    await closePosition(pool, 'keep-1');
    expect(await upsertPosition(pool, { ...holding, quantity: '2' })).toMatchObject({
      status: 'CLOSED',
      quantity: '2',
    });
    await softDeletePosition(pool, 'keep-1');
    expect(await upsertPosition(pool, { ...holding, quantity: '3' })).toMatchObject({
      status: 'DELETED',
      quantity: '3',
    });
    expect((await upsertPosition(pool, { ...holding, status: 'ACTIVE' })).status).toBe('ACTIVE');
    expect((await createPosition(pool, { ...holding, position_id: 'keep-2', status: 'CLOSED' })).status).toBe('CLOSED');

    await softDeletePosition(pool, 'keep-1');
    const loaded = await bulkLoadPositions(
      pool,
      [
        { ...holding, quantity: '4' },
        { ...holding, position_id: 'keep-2', quantity: '5', status: 'ACTIVE' },
        { ...holding, position_id: 'keep-3', quantity: '6' },
      ],
      { mode: 'upsert' },
    );
    expect(loaded).toEqual({ rows: 3, written: 3, unchanged: 0, batches: 1 });
    expect(await getPosition(pool, 'keep-1')).toMatchObject({ status: 'DELETED', quantity: '4' });
    expect(await getPosition(pool, 'keep-2')).toMatchObject({ status: 'ACTIVE', quantity: '5' });
    expect(await getPosition(pool, 'keep-3')).toMatchObject({ status: 'ACTIVE', quantity: '6' });
  });
});

async function* generatePositions(count: number, node: string, options: { badAt?: number; prefix?: string } = {}) {
  for (let index = 0; index < count; index += 1) {
    const row: PositionInput = {
      position_id: `${options.prefix ?? 'bulk'}-${index}`,
      portfolio_node_id: node,
      instrument_id: index % 2 === 0 ? 'POS-A' : 'POS-B',
      quantity: `${index}.25`,
      base_ccy: index % 3 === 0 ? 'EUR' : 'USD',
      book_value: index % 5 === 0 ? null : `${index}.1`,
    };
    yield index === options.badAt ? { ...row, base_ccy: 'euro' } : row;
  }
}

describe('bulk load', () => {
  it('streams an async iterable in batches and writes every row', async () => {
    const result = await bulkLoadPositions(pool, generatePositions(12_345, 'P-STRAT'), { batchSize: 1_000 });
    expect(result).toEqual({ rows: 12_345, written: 12_345, unchanged: 0, batches: 13 });
    const row = await getPosition(pool, 'bulk-12344');
    expect(row).toMatchObject({ quantity: '12344.25', base_ccy: 'USD', book_value: '12344.1', status: 'ACTIVE' });
    expect((await getPosition(pool, 'bulk-0')).book_value).toBeNull();
  });

  // Insert mode streams every batch through one COPY that is still open, having taken the first 1 000 rows: a whole
  // batch, or (batches of 20 000) the rows it writes at a time. Upsert mode's COPY of the first batch has ended.
  it.each([
    ['insert', 1_000, '1000'],
    ['insert', 20_000, '1000'],
    ['upsert', 1_000, '-1'],
  ] as const)(
    '%s, batches of %i: PostgreSQL has the rows sent while the next ones are validated, from a synchronous source too',
    async (mode, batchSize, copiedWhenSecondBatchFull) => {
      const session = await openPool(databaseUrl, { maxPoolSize: 1 });
      const pid = Number(await session.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
      // Asked synchronously (psql blocks this thread, so the event loop cannot send anything meanwhile): rows of the
      // bulk load's COPY still being received, or -1 when no COPY runs on its session.
      const copyInProgress = () =>
        execFileSync('psql', [
          databaseUrl,
          '-Atc',
          `SELECT coalesce((SELECT tuples_processed FROM pg_stat_progress_copy WHERE pid = ${pid}), -1)`,
        ])
          .toString()
          .trim();
      let whenSecondBatchFull = '';
      function* rows(): Generator<PositionInput> {
        for (let index = 0; index < 2_000; index += 1) {
          // Validating the second batch takes ~0.5 s: ample time for PostgreSQL to take the first, if it was sent.
          if (index >= 1_000) for (const until = performance.now() + 0.5; performance.now() < until;);
          if (index === 1_999) whenSecondBatchFull = copyInProgress();
          yield {
            position_id: `${mode}-${batchSize}-flow-${index}`,
            portfolio_node_id: 'P-BOOK',
            instrument_id: 'POS-A',
            quantity: '1',
            base_ccy: 'USD',
          };
        }
      }
      expect(await bulkLoadPositions(session, rows(), { batchSize, mode })).toMatchObject({
        rows: 2_000,
        batches: 2_000 / Math.min(batchSize, 2_000),
      });
      expect(whenSecondBatchFull).toBe(copiedWhenSecondBatchFull);
    },
  );

  it('is atomic: a bad row after several batches leaves nothing, and the error names the row and field', async () => {
    const before = await countRows(pool, 'position');
    const error = await bulkLoadPositions(pool, generatePositions(5_000, 'P-BOOK', { badAt: 4_321, prefix: 'bad' }), {
      batchSize: 1_000,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe('rows[4321].base_ccy');
    expect(await countRows(pool, 'position')).toBe(before);
  });

  it('is atomic on database refusals too: an unknown node or a duplicate id leaves nothing', async () => {
    const before = await countRows(pool, 'position');
    await expect(
      bulkLoadPositions(pool, generatePositions(3_000, 'NO-NODE', { prefix: 'orphan' })),
    ).rejects.toBeInstanceOf(InvalidReferenceError);
    await expect(
      bulkLoadPositions(pool, generatePositions(2_500, 'P-BOOK', { prefix: 'bulk' }), { batchSize: 500 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await countRows(pool, 'position')).toBe(before);
  });

  it('refuses a position_id repeated within one batch, naming both rows, and leaves nothing', async () => {
    const before = await countRows(pool, 'position');
    const row = (id: string, quantity: string, status?: 'ACTIVE' | 'CLOSED') =>
      ({
        position_id: id,
        portfolio_node_id: 'P-BOOK',
        instrument_id: 'POS-A',
        quantity,
        base_ccy: 'USD',
        ...(status ? { status } : {}),
      }) as const;
    for (const mode of ['upsert', 'insert'] as const) {
      // The two rows differ in whether they give a status: the loader writes those groups in separate statements.
      const error = await bulkLoadPositions(pool, [row('dup-0', '1'), row('dup-1', '1'), row('dup-0', '2', 'CLOSED')], {
        mode,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.field).toBe('rows[2].position_id');
      expect(error.message).toContain("'dup-0' repeats rows[0]");
    }
    expect(await countRows(pool, 'position')).toBe(before);
  });

  it('upserts in upsert mode and joins a caller transaction (as a savepoint)', async () => {
    await withTransaction(pool, async (transaction) => {
      const result = await bulkLoadPositions(
        transaction,
        [
          {
            position_id: 'bulk-1',
            portfolio_node_id: 'P-DESK',
            instrument_id: 'POS-B',
            quantity: '-5',
            base_ccy: 'GBP',
          },
        ],
        { mode: 'upsert' },
      );
      expect(result.rows).toBe(1);
    });
    expect(await getPosition(pool, 'bulk-1')).toMatchObject({
      portfolio_node_id: 'P-DESK',
      quantity: '-5',
      base_ccy: 'GBP',
    });
  });

  it('refuses bad options before reading any row', async () => {
    let pulled = 0;
    const rows = (function* () {
      pulled += 1;
      yield {
        portfolio_node_id: 'P-BOOK',
        instrument_id: 'POS-A',
        quantity: 1,
        base_ccy: 'USD',
      } satisfies PositionInput;
    })();
    await expect(bulkLoadPositions(pool, rows, { batchSize: 0 })).rejects.toMatchObject({ field: 'batchSize' });
    expect(pulled).toBe(0);
  });
});
