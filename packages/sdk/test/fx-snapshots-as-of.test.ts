import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  createNode,
  createPosition,
  fxConvert,
  fxRate,
  fxSnapshotIdAsOf,
  latestFxSnapshotId,
  listFxSpots,
  NotFoundError,
  rollupNode,
  rollupSubtree,
  rollupTree,
  storeFxSnapshot,
  ValidationError,
  withTransaction,
  type FxSnapshotInput,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { countRows, seedInstruments } from './support/seed.js';

const pool = await openPool(await useMigratedDatabase());

const snapshot = (
  snapshot_id: string,
  as_of_date: string,
  eurUsd: string,
  extra: Array<{ pair: string; spot_rate: string }> = [],
) => ({
  snapshot_id,
  as_of_date,
  source: 'test',
  spots: [{ pair: 'EUR/USD', spot_rate: eurUsd }, { pair: 'GBP/USD', spot_rate: '1.25' }, ...extra],
});

await storeFxSnapshot(pool, snapshot('fx-01-10', '2026-01-10', '1.10'));
await storeFxSnapshot(pool, snapshot('fx-01-15-first', '2026-01-15', '1.15'));
await storeFxSnapshot(pool, snapshot('fx-01-15-correction', '2026-01-15', '1.16'));
await storeFxSnapshot(pool, snapshot('fx-01-20', '2026-01-20', '1.20'));

describe('FX snapshots are immutable', () => {
  it('refuses another pair, another date or another rate under a stored id, naming the difference and writing nothing', async () => {
    const before = await countRows(pool, 'fx_spot');
    const attempts: Array<[FxSnapshotInput, string]> = [
      [snapshot('fx-01-10', '2026-01-10', '1.10', [{ pair: 'USD/JPY', spot_rate: '150' }]), 'does not hold USD/JPY'],
      [
        { ...snapshot('fx-01-10', '2026-01-10', '1.10'), spots: [{ pair: 'EUR/USD', spot_rate: '1.10' }] },
        'also holds GBP/USD',
      ],
      [snapshot('fx-01-10', '2026-01-11', '1.10'), 'it is as of 2026-01-10, not 2026-01-11'],
      [snapshot('fx-01-10', '2026-01-10', '1.11'), 'EUR/USD is 1.1, not 1.11'],
    ];
    for (const [attempt, difference] of attempts) {
      const error = await storeFxSnapshot(pool, attempt).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).message).toContain(difference);
    }
    expect(await countRows(pool, 'fx_spot')).toBe(before);
    expect((await listFxSpots(pool, 'fx-01-10')).map((spot) => [spot.pair, spot.spot_rate])).toEqual([
      ['EUR/USD', '1.1'],
      ['GBP/USD', '1.25'],
    ]);
  });

  it('treats the same date and rates again as a no-op, however the rates are written and whatever the source', async () => {
    const before = await countRows(pool, 'fx_spot');
    const again = await storeFxSnapshot(pool, { ...snapshot('fx-01-10', '2026-01-10', '1.1000'), source: 'other' });
    expect(again.map((spot) => spot.pair)).toEqual(['EUR/USD', 'GBP/USD']);
    expect(again.every((spot) => spot.source === 'test')).toBe(true);
    expect(await countRows(pool, 'fx_spot')).toBe(before);
  });

  it('lets only one of two concurrent writers of a new id in, so a snapshot never mixes their pairs', async () => {
    const results = await Promise.allSettled([
      storeFxSnapshot(pool, snapshot('fx-race', '2026-02-01', '1.01', [{ pair: 'USD/JPY', spot_rate: '150' }])),
      storeFxSnapshot(pool, snapshot('fx-race', '2026-02-01', '1.02', [{ pair: 'USD/CHF', spot_rate: '0.9' }])),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    const stored = (await listFxSpots(pool, 'fx-race')).map((spot) => `${spot.pair}=${spot.spot_rate}`);
    expect([
      ['EUR/USD=1.01', 'GBP/USD=1.25', 'USD/JPY=150'],
      ['EUR/USD=1.02', 'GBP/USD=1.25', 'USD/CHF=0.9'],
    ]).toContainEqual(stored);
  });

  it('refuses pairs that are not two ISO 4217 currencies', async () => {
    const error = await storeFxSnapshot(pool, {
      ...snapshot('fx-bad-ccy', '2026-02-02', '1.1'),
      spots: [
        { pair: 'EUR/XXX', spot_rate: '1' },
        { pair: 'ABC/USD', spot_rate: '1' },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['spots.0.pair', 'spots.1.pair']);
  });
});

describe('the FX snapshot in force on a date', () => {
  it('is the latest on or before the date; on one date the most recently written; none before the first', async () => {
    await expect(fxSnapshotIdAsOf(pool, '2026-01-09')).rejects.toBeInstanceOf(NotFoundError);
    expect(await fxSnapshotIdAsOf(pool, '2026-01-10')).toBe('fx-01-10');
    expect(await fxSnapshotIdAsOf(pool, '2026-01-14')).toBe('fx-01-10');
    expect(await fxSnapshotIdAsOf(pool, '2026-01-15')).toBe('fx-01-15-correction');
    expect(await fxSnapshotIdAsOf(pool, '2026-01-19')).toBe('fx-01-15-correction');
    expect(await fxSnapshotIdAsOf(pool, '2026-01-31')).toBe('fx-01-20');
    await expect(fxSnapshotIdAsOf(pool, '2026-02-30')).rejects.toBeInstanceOf(ValidationError);
  });

  it('breaks a tie of date and write time by the greater snapshot id, whatever the order written', async () => {
    for (const order of [
      ['fx-tie-a', 'fx-tie-b'],
      ['fx-tie-d', 'fx-tie-c'],
    ]) {
      await withTransaction(pool, async (transaction) => {
        for (const id of order)
          await storeFxSnapshot(
            transaction,
            snapshot(id, order[0] === 'fx-tie-a' ? '2027-01-01' : '2027-02-01', '1.3'),
          );
      });
    }
    expect(await fxSnapshotIdAsOf(pool, '2027-01-15')).toBe('fx-tie-b');
    expect(await fxSnapshotIdAsOf(pool, '2027-02-15')).toBe('fx-tie-d');
    expect(await latestFxSnapshotId(pool)).toBe('fx-tie-d');
  });

  it('converts and quotes as of a date, naming the snapshot used', async () => {
    expect(await fxRate(pool, 'EUR/USD', { asOf: '2026-01-12' })).toMatchObject({
      rate: '1.1',
      snapshotId: 'fx-01-10',
    });
    expect(await fxRate(pool, 'EUR/USD', { asOf: '2026-01-15' })).toMatchObject({
      rate: '1.16',
      snapshotId: 'fx-01-15-correction',
    });
    expect(await fxRate(pool, 'EUR/USD', { snapshotId: 'fx-01-15-first' })).toMatchObject({ rate: '1.15' });
    expect(await fxConvert(pool, '100', 'EUR', 'USD', { asOf: '2026-01-25' })).toBe('120');
    expect(await fxConvert(pool, '100', 'EUR', 'USD', 'fx-01-10')).toBe('110');
    await expect(fxConvert(pool, '100', 'EUR', 'USD', { asOf: '2025-12-31' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(fxConvert(pool, '100', 'EUR', 'USD', { asOf: '15/01/2026' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('rolls up with the snapshot in force on as_of, for a node, a subtree and the whole tree', async () => {
    await seedInstruments(pool, ['ASOF-1']);
    await createNode(pool, { portfolio_node_id: 'ASOF-FUND', name: 'as-of fund', node_type: 'FUND' });
    await createPosition(pool, {
      position_id: 'asof-1',
      portfolio_node_id: 'ASOF-FUND',
      instrument_id: 'ASOF-1',
      quantity: '1',
      base_ccy: 'EUR',
      book_value: '1000',
    });
    const request = { portfolio_node_id: 'ASOF-FUND', reporting_ccy: 'USD' };
    expect((await rollupNode(pool, { ...request, as_of: '2026-01-16' })).subtree.total).toBe('1160');
    expect((await rollupNode(pool, { ...request, as_of: '2026-01-10' })).subtree.total).toBe('1100');
    const subtree = await rollupSubtree(pool, { ...request, as_of: '2026-01-21' });
    expect(subtree).toMatchObject({
      fxSnapshotId: 'fx-01-20',
      asOf: '2026-01-21',
      nodes: [{ subtree: { total: '1200' } }],
    });
    const tree = await rollupTree(pool, { reporting_ccy: 'USD', as_of: '2026-01-14' });
    expect(tree.fxSnapshotId).toBe('fx-01-10');
    expect(tree.nodes.find((node) => node.portfolioNodeId === 'ASOF-FUND')?.subtree.total).toBe('1100');
    expect(await rollupSubtree(pool, { ...request, fx_snapshot_id: 'fx-01-15-first' })).toMatchObject({
      asOf: null,
      nodes: [{ subtree: { total: '1150' } }],
    });
    await expect(rollupNode(pool, { ...request, as_of: '2020-01-01' })).rejects.toThrow(
      'No FX snapshot has an as-of date on or before 2020-01-01',
    );
    await expect(rollupSubtree(pool, { ...request, as_of: '2020-01-01' })).rejects.toBeInstanceOf(NotFoundError);
    const both = await rollupTree(pool, {
      reporting_ccy: 'USD',
      as_of: '2026-01-14',
      fx_snapshot_id: 'fx-01-10',
    }).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(ValidationError);
    await expect(rollupTree(pool, { reporting_ccy: 'USD' })).rejects.toThrow(
      'give exactly one of fx_snapshot_id and as_of',
    );
  });
});
