import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bulkLoadPositions,
  getPosition,
  InvalidReferenceError,
  upsertPosition,
  ValidationError,
  withTransaction,
  type DatabaseConnection,
  type PositionInput,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['RU-A', 'RU-B']);
await seedTree(pool, 'RU');

/** Where each stored row version lives and which transaction wrote it: both change whenever a row is rewritten. */
const versionsOf = async (prefix: string, connection: DatabaseConnection = pool) => {
  const rows = await connection.any(sql.type(
    z.object({ position_id: z.string(), version: z.string(), updated_at: z.string() }),
  )`
    SELECT position_id, xmin::text || '@' || ctid::text AS version, updated_at::text AS updated_at
    FROM position WHERE position_id LIKE ${`${prefix}%`}
  `);
  return new Map(rows.map((row) => [row.position_id, { version: row.version, updated_at: row.updated_at }]));
};

const book = (prefix: string, count: number, day = 0, changedEvery = 0): PositionInput[] =>
  Array.from({ length: count }, (_, index) => ({
    position_id: `${prefix}-${index}`,
    portfolio_node_id: 'RU-BOOK',
    instrument_id: index % 2 === 0 ? 'RU-A' : 'RU-B',
    quantity: changedEvery > 0 && index % changedEvery === 0 ? `${index}.${day}5` : `${index}.25`,
    base_ccy: 'EUR',
    cost_basis: index % 3 === 0 ? null : '1.000000000000000001',
    tags_json: { desk: 'rates', n: index },
  }));

describe('re-uploading the same book', () => {
  it('bulk upsert of an unchanged book writes no row version and keeps updated_at', async () => {
    expect(await bulkLoadPositions(pool, book('same', 2_500), { mode: 'upsert', batchSize: 1_000 })).toEqual({
      rows: 2_500,
      written: 2_500,
      unchanged: 0,
      batches: 3,
    });
    const before = await versionsOf('same-');
    for (let day = 1; day <= 3; day += 1) {
      expect(await bulkLoadPositions(pool, book('same', 2_500), { mode: 'upsert', batchSize: 1_000 })).toEqual({
        rows: 2_500,
        written: 0,
        unchanged: 2_500,
        batches: 3,
      });
    }
    expect(await versionsOf('same-')).toEqual(before);
  });

  it('bulk upsert rewrites exactly the changed and new rows', async () => {
    await bulkLoadPositions(pool, book('daily', 1_000), { mode: 'upsert' });
    const before = await versionsOf('daily-');
    // Day 1: every 25th row (4 %) has a new quantity, and 10 new positions arrive.
    const day1 = [...book('daily', 1_000, 1, 25), ...book('daily-new', 10)];
    expect(await bulkLoadPositions(pool, day1, { mode: 'upsert', batchSize: 300 })).toMatchObject({
      rows: 1_010,
      written: 50,
      unchanged: 960,
    });
    const after = await versionsOf('daily-');
    const rewritten = [...before].filter(([id, row]) => after.get(id)?.version !== row.version).map(([id]) => id);
    expect(rewritten.sort()).toEqual(
      book('daily', 1_000)
        .filter((_, index) => index % 25 === 0)
        .map((row) => row.position_id)
        .sort(),
    );
    expect(after.size).toBe(1_010);
    expect((await getPosition(pool, 'daily-25')).quantity).toBe('25.15');
    expect(after.get('daily-25')?.updated_at).not.toBe(before.get('daily-25')?.updated_at);
    expect(after.get('daily-26')?.updated_at).toBe(before.get('daily-26')?.updated_at);
  });

  it('a change in any single field is written, and only a change', async () => {
    const base = {
      position_id: 'field-0',
      portfolio_node_id: 'RU-BOOK',
      instrument_id: 'RU-A',
      quantity: '1.5',
      base_ccy: 'EUR',
      book_value: '2',
    };
    await bulkLoadPositions(pool, [base], { mode: 'upsert' });
    const changes: PositionInput[] = [
      { ...base, portfolio_node_id: 'RU-DESK' },
      { ...base, instrument_id: 'RU-B' },
      { ...base, quantity: '1.75' },
      { ...base, base_ccy: 'USD' },
      { ...base, cost_basis: '0' },
      { ...base, book_value: null },
      { ...base, tags_json: { k: 'v' } },
      { ...base, status: 'CLOSED' },
    ];
    let previous = (await versionsOf('field-0')).get('field-0')?.version;
    for (const change of changes) {
      expect([change, await bulkLoadPositions(pool, [change], { mode: 'upsert' })]).toMatchObject([
        change,
        { written: 1, unchanged: 0 },
      ]);
      expect([change, await bulkLoadPositions(pool, [change], { mode: 'upsert' })]).toMatchObject([
        change,
        { written: 0, unchanged: 1 },
      ]);
      const current = (await versionsOf('field-0')).get('field-0')?.version;
      expect(current).not.toBe(previous);
      previous = current;
    }
    // A row without status never changes the stored one, so leaving it out is no change either.
    const { status: _closed, ...withoutStatus } = changes.at(-1)!;
    expect(await bulkLoadPositions(pool, [withoutStatus], { mode: 'upsert' })).toMatchObject({
      written: 0,
      unchanged: 1,
    });
    // Decimal inputs are normalised before they are compared: 1.50 is the 1.5 already stored.
    expect(await bulkLoadPositions(pool, [{ ...withoutStatus, quantity: '1.50' }], { mode: 'upsert' })).toMatchObject({
      written: 0,
      unchanged: 1,
    });
    expect(await getPosition(pool, 'field-0')).toMatchObject({ status: 'CLOSED', quantity: '1.5' });
  });

  it('upsertPosition of an unchanged position writes nothing and returns the stored row; a change is written', async () => {
    const input: PositionInput = {
      position_id: 'single-0',
      portfolio_node_id: 'RU-BOOK',
      instrument_id: 'RU-A',
      quantity: '7',
      base_ccy: 'GBP',
    };
    const first = await upsertPosition(pool, input);
    const before = await versionsOf('single-0');
    expect(await upsertPosition(pool, input)).toEqual(first);
    expect(await upsertPosition(pool, { ...input, status: 'ACTIVE' })).toEqual(first);
    expect(await versionsOf('single-0')).toEqual(before);
    const changed = await upsertPosition(pool, { ...input, quantity: '8' });
    expect(changed).toMatchObject({ quantity: '8', created_at: first.created_at });
    expect(changed.updated_at.getTime()).toBeGreaterThanOrEqual(first.updated_at.getTime());
    expect((await versionsOf('single-0')).get('single-0')?.version).not.toBe(before.get('single-0')?.version);
  });
});

describe('bulk load through COPY', () => {
  it('keeps every digit and every character, NULLs included', async () => {
    const rows: PositionInput[] = [
      {
        position_id: 'copy-tab\there',
        portfolio_node_id: 'RU-BOOK',
        instrument_id: 'RU-A',
        quantity: '1234567890123456789012345678.123456789012345678',
        base_ccy: 'EUR',
        cost_basis: '-0.000000000000000001',
        book_value: null,
        tags_json: { note: 'line\nbreak, back\\slash, \\N, tab\t, ünïcode', nested: { empty: '' } },
      },
      {
        position_id: 'copy-\\N',
        portfolio_node_id: 'RU-BOOK',
        instrument_id: 'RU-B',
        quantity: '0',
        base_ccy: 'JPY',
        status: 'CLOSED',
      },
    ];
    for (const mode of ['insert', 'upsert'] as const) {
      const prefixed = rows.map((row) => ({ ...row, position_id: `${mode}-${row.position_id}` }));
      expect(await bulkLoadPositions(pool, prefixed, { mode })).toMatchObject({ rows: 2, written: 2 });
      expect(await getPosition(pool, `${mode}-copy-tab\there`)).toMatchObject({
        quantity: '1234567890123456789012345678.123456789012345678',
        cost_basis: '-0.000000000000000001',
        book_value: null,
        tags_json: rows[0]!.tags_json,
        status: 'ACTIVE',
      });
      expect(await getPosition(pool, `${mode}-copy-\\N`)).toMatchObject({
        quantity: '0',
        cost_basis: null,
        status: 'CLOSED',
      });
    }
  });

  it.each(['insert', 'upsert'] as const)(
    '%s: an unknown node in a late batch leaves nothing, changes to earlier batches included',
    async (mode) => {
      await bulkLoadPositions(pool, book(`atomic-${mode}`, 100), { mode: 'upsert' });
      const before = await versionsOf(`atomic-${mode}`);
      const rows = [
        ...book(`atomic-${mode}`, 100, 1, 2).map((row) =>
          mode === 'insert' ? { ...row, position_id: `${row.position_id}-x` } : row,
        ),
        ...book(`atomic-${mode}-late`, 450),
      ];
      rows[520] = { ...rows[520]!, portfolio_node_id: 'RU-NOWHERE' };
      await expect(bulkLoadPositions(pool, rows, { mode, batchSize: 100 })).rejects.toBeInstanceOf(
        InvalidReferenceError,
      );
      expect(await versionsOf(`atomic-${mode}`)).toEqual(before);
    },
  );

  it('joins a caller transaction: rolled back, nothing stays; it can load several times in one transaction', async () => {
    const rollback = new Error('caller rolls back');
    await expect(
      withTransaction(pool, async (transaction) => {
        await bulkLoadPositions(transaction, book('caller', 300), { mode: 'upsert', batchSize: 100 });
        await bulkLoadPositions(transaction, book('caller-insert', 300), { batchSize: 100 });
        expect((await versionsOf('caller', transaction)).size).toBe(600);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await versionsOf('caller')).size).toBe(0);

    await withTransaction(pool, async (transaction) => {
      expect(await bulkLoadPositions(transaction, book('caller', 300), { mode: 'upsert' })).toMatchObject({
        written: 300,
      });
      // A failed load inside the transaction undoes only itself (its savepoint), and the next load still works.
      await expect(
        bulkLoadPositions(transaction, [{ ...book('caller-bad', 1)[0]!, base_ccy: 'XYZ' }], { mode: 'upsert' }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await bulkLoadPositions(transaction, book('caller', 300, 1, 3), { mode: 'upsert' })).toMatchObject({
        written: 100,
        unchanged: 200,
      });
    });
    expect((await versionsOf('caller')).size).toBe(300);
  });

  it('returns its session clean to the pool: no staging table is left behind', async () => {
    await bulkLoadPositions(pool, book('clean', 10), { mode: 'upsert' });
    const leftovers = await pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM pg_class WHERE relname = 'iprs_position_load' AND relpersistence = 't'
    `);
    expect(leftovers).toBe(0);
  });
});
