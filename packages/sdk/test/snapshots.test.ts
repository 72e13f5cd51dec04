import { createHash } from 'node:crypto';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  closePosition,
  createPosition,
  getSnapshot,
  latestSnapshotAsOf,
  listSnapshots,
  NotFoundError,
  takeSnapshot,
  upsertPosition,
  ValidationError,
} from '../src/index.js';
import { canonicalJson } from '../src/snapshots/snapshot-payload.js';
import { openPool } from './support/open-pool.js';
import { countRows, seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['SN-1', 'SN-2']);
await seedTree(pool, 'S');
await createPosition(pool, {
  position_id: 'sn-b',
  portfolio_node_id: 'S-BOOK',
  instrument_id: 'SN-2',
  quantity: '10.50',
  base_ccy: 'USD',
  book_value: '11.000',
});
await createPosition(pool, {
  position_id: 'sn-a',
  portfolio_node_id: 'S-STRAT',
  instrument_id: 'SN-1',
  quantity: '1',
  base_ccy: 'EUR',
  tags_json: { z: 1, a: 'x' },
});

describe('portfolio snapshots', () => {
  it('stores the canonical payload of the subtree ACTIVE positions with its SHA-256', async () => {
    const { snapshot, created } = await takeSnapshot(pool, {
      portfolio_node_id: 'S-DESK',
      as_of_date: '2024-06-28',
      snapshot_id: 'snap-1',
    });
    expect(created).toBe(true);
    expect(snapshot).toMatchObject({ snapshot_id: 'snap-1', portfolio_node_id: 'S-DESK', as_of_date: '2024-06-28' });
    const payload = snapshot.payload_json as {
      positions: { position_id: string; quantity: string; book_value: string | null }[];
    };
    expect(payload.positions.map((position) => position.position_id)).toEqual(['sn-a', 'sn-b']);
    expect(payload).toMatchObject({ portfolio_node_id: 'S-DESK', as_of_date: '2024-06-28' });
    expect(payload.positions[1]).toMatchObject({ quantity: '10.5', book_value: '11' });
    expect(payload.positions[0]).not.toHaveProperty('created_at');
    expect(payload.positions[0]).not.toHaveProperty('status');
    // Re-canonicalising what PostgreSQL stored (jsonb reorders keys) gives back the same hash.
    const recomputed = createHash('sha256').update(canonicalJson(snapshot.payload_json)).digest('hex');
    expect(snapshot.payload_hash).toBe(recomputed);
    expect(canonicalJson({ b: 1, a: [2, 'x'] })).toBe('{"a":[2,"x"],"b":1}');
  });

  it('deduplicates: the same node, date and content again returns the existing snapshot', async () => {
    const before = await countRows(pool, 'portfolio_snapshot');
    const again = await takeSnapshot(pool, {
      portfolio_node_id: 'S-DESK',
      as_of_date: '2024-06-28',
      snapshot_id: 'snap-dup',
    });
    expect(again.created).toBe(false);
    expect(again.snapshot).toMatchObject({ snapshot_id: 'snap-1', as_of_date: '2024-06-28' });
    expect(await countRows(pool, 'portfolio_snapshot')).toBe(before);

    const concurrent = await Promise.all(
      [1, 2, 3, 4].map(() => takeSnapshot(pool, { portfolio_node_id: 'S-BOOK', as_of_date: '2024-06-30' })),
    );
    expect(concurrent.filter((taken) => taken.created)).toHaveLength(1);
    expect(new Set(concurrent.map((taken) => taken.snapshot.snapshot_id)).size).toBe(1);
    expect(await countRows(pool, 'portfolio_snapshot')).toBe(before + 1);
  });

  it('a changed holding (or a representation-only change that is not) decides whether a new snapshot is stored', async () => {
    await upsertPosition(pool, {
      position_id: 'sn-b',
      portfolio_node_id: 'S-BOOK',
      instrument_id: 'SN-2',
      quantity: '10.5000',
      base_ccy: 'USD',
      book_value: '11',
    });
    expect(
      (await takeSnapshot(pool, { portfolio_node_id: 'S-DESK', as_of_date: '2024-06-28' })).snapshot.snapshot_id,
    ).toBe('snap-1');
    await closePosition(pool, 'sn-b');
    const changed = await takeSnapshot(pool, {
      portfolio_node_id: 'S-DESK',
      as_of_date: '2024-07-01',
      snapshot_id: 'snap-2',
    });
    expect(changed.created).toBe(true);
    expect((changed.snapshot.payload_json as { positions: unknown[] }).positions).toHaveLength(1);
  });

  it('holdings that return to an earlier state (A, B, A) are recorded again for the later day', async () => {
    await seedTree(pool, 'R');
    const holding = { position_id: 'r-1', portfolio_node_id: 'R-BOOK', instrument_id: 'SN-1', base_ccy: 'USD' };
    await createPosition(pool, { ...holding, quantity: '1' });
    const day1 = await takeSnapshot(pool, {
      portfolio_node_id: 'R-DESK',
      as_of_date: '2024-03-01',
      snapshot_id: 'r-day1',
    });
    await upsertPosition(pool, { ...holding, quantity: '2' });
    const day2 = await takeSnapshot(pool, {
      portfolio_node_id: 'R-DESK',
      as_of_date: '2024-03-02',
      snapshot_id: 'r-day2',
    });
    await upsertPosition(pool, { ...holding, quantity: '1' });
    const day3 = await takeSnapshot(pool, {
      portfolio_node_id: 'R-DESK',
      as_of_date: '2024-03-03',
      snapshot_id: 'r-day3',
    });
    expect([day1.created, day2.created, day3.created]).toEqual([true, true, true]);
    expect(day3.snapshot).toMatchObject({ snapshot_id: 'r-day3', as_of_date: '2024-03-03' });
    expect(day3.snapshot.payload_json).toEqual({ ...(day1.snapshot.payload_json as object), as_of_date: '2024-03-03' });
    expect(day3.snapshot.payload_hash).not.toBe(day1.snapshot.payload_hash);

    expect(
      (await latestSnapshotAsOf(pool, { portfolio_node_id: 'R-DESK', as_of_date: '2024-03-03' }))?.snapshot_id,
    ).toBe('r-day3');
    expect(
      (await listSnapshots(pool, { portfolio_node_id: 'R-DESK', from: '2024-03-03', to: '2024-03-03' })).map(
        (s) => s.snapshot_id,
      ),
    ).toEqual(['r-day3']);
    expect(
      (await latestSnapshotAsOf(pool, { portfolio_node_id: 'R-DESK', as_of_date: '2024-03-02' }))?.snapshot_id,
    ).toBe('r-day2');
  });

  it('lists by date range and finds the latest as of a date', async () => {
    await takeSnapshot(pool, { portfolio_node_id: 'S-FUND', as_of_date: '2024-05-31', snapshot_id: 'fund-may' });
    expect(
      (await listSnapshots(pool, { portfolio_node_id: 'S-DESK', from: '2024-06-01', to: '2024-07-31' })).map(
        (s) => s.snapshot_id,
      ),
    ).toEqual(['snap-2', 'snap-1']);
    expect(await listSnapshots(pool, { portfolio_node_id: 'S-DESK', from: '2024-06-29', to: '2024-06-30' })).toEqual(
      [],
    );
    expect(
      (await latestSnapshotAsOf(pool, { portfolio_node_id: 'S-DESK', as_of_date: '2024-06-30' }))?.snapshot_id,
    ).toBe('snap-1');
    expect(
      (await latestSnapshotAsOf(pool, { portfolio_node_id: 'S-DESK', as_of_date: '2024-12-31' }))?.snapshot_id,
    ).toBe('snap-2');
    expect(await latestSnapshotAsOf(pool, { portfolio_node_id: 'S-DESK', as_of_date: '2024-01-01' })).toBeNull();
    expect((await getSnapshot(pool, 'fund-may')).portfolio_node_id).toBe('S-FUND');
    await expect(getSnapshot(pool, 'missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      listSnapshots(pool, { portfolio_node_id: 'S-DESK', from: '2024-08-01', to: '2024-07-01' }),
    ).rejects.toMatchObject({
      field: 'from',
    });
  });

  it('refuses an unknown node and an impossible date', async () => {
    await expect(takeSnapshot(pool, { portfolio_node_id: 'missing', as_of_date: '2024-01-01' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(takeSnapshot(pool, { portfolio_node_id: 'S-DESK', as_of_date: '2024-02-30' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'as_of_date',
    });
    expect(ValidationError).toBeDefined();
  });
});
