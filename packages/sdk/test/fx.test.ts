import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  fxConvert,
  fxRate,
  listFxSpots,
  NotFoundError,
  storeFxSnapshot,
  ValidationError,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { countRows } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await storeFxSnapshot(pool, {
  snapshot_id: 'fx-2024-06-28',
  as_of_date: '2024-06-28',
  source: 'test',
  spots: [
    { pair: 'EUR/USD', spot_rate: '1.0700' },
    { pair: 'GBP/USD', spot_rate: '1.2650' },
    { pair: 'USD/JPY', spot_rate: '160.85' },
    { pair: 'EUR/CHF', spot_rate: '0.9625' },
    { pair: 'EUR/SEK', spot_rate: '11.35' },
  ],
});

describe('FX snapshots and rates', () => {
  it('stores spots and refuses a pair the snapshot already holds, writing nothing', async () => {
    expect((await listFxSpots(pool, 'fx-2024-06-28')).map((spot) => spot.pair)).toEqual([
      'EUR/CHF',
      'EUR/SEK',
      'EUR/USD',
      'GBP/USD',
      'USD/JPY',
    ]);
    const before = await countRows(pool, 'fx_spot');
    await expect(
      storeFxSnapshot(pool, {
        snapshot_id: 'fx-2024-06-28',
        as_of_date: '2024-06-28',
        source: 'test',
        spots: [
          { pair: 'AUD/USD', spot_rate: '0.66' },
          { pair: 'EUR/USD', spot_rate: '1.08' },
        ],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await countRows(pool, 'fx_spot')).toBe(before);
  });

  it('validates pairs and rates before writing', async () => {
    const error = await storeFxSnapshot(pool, {
      snapshot_id: 'fx-bad',
      as_of_date: '2024-06-28',
      source: 'test',
      spots: [
        { pair: 'EUR/EUR', spot_rate: '1' },
        { pair: 'GBP/USD', spot_rate: '-1' },
      ],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue: { field: string }) => issue.field)).toEqual(['spots.0.pair', 'spots.1.spot_rate']);
  });

  it('direct, inverse, identity', async () => {
    expect(await fxRate(pool, 'EUR/USD', 'fx-2024-06-28')).toMatchObject({
      rate: '1.07',
      method: 'direct',
      quotedPairs: ['EUR/USD'],
    });
    expect(await fxRate(pool, 'JPY/USD', 'fx-2024-06-28')).toMatchObject({
      method: 'inverse',
      rate: '0.006216972334473111594653403792353124',
    });
    expect(await fxRate(pool, 'USD/USD', 'fx-2024-06-28')).toMatchObject({ rate: '1', method: 'identity' });
  });

  it('triangulates through USD first, then EUR', async () => {
    const gbpJpy = await fxRate(pool, 'GBP/JPY', 'fx-2024-06-28');
    expect(gbpJpy).toMatchObject({ method: 'triangulated', via: 'USD', quotedPairs: ['GBP/USD', 'USD/JPY'] });
    expect(gbpJpy.rate).toBe('203.47525');
    const chfSek = await fxRate(pool, 'CHF/SEK', 'fx-2024-06-28');
    expect(chfSek).toMatchObject({ method: 'triangulated', via: 'EUR', quotedPairs: ['EUR/CHF', 'EUR/SEK'] });
    expect(chfSek.rate).toBe('11.79220779220779220779220779220779');
  });

  it('names the missing pair and snapshot when no rate can be derived', async () => {
    const error = await fxRate(pool, 'AUD/NZD', 'fx-2024-06-28').catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('AUD/NZD');
    expect(error.message).toContain("'fx-2024-06-28'");
    const empty = await fxRate(pool, 'EUR/USD', 'fx-none').catch((e) => e);
    expect(empty).toBeInstanceOf(NotFoundError);
    expect(empty.message).toContain("FX snapshot 'fx-none' holds no spots");
  });

  it('converts exactly', async () => {
    expect(await fxConvert(pool, '1234567890123456789012345678.9', 'EUR', 'USD', 'fx-2024-06-28')).toBe(
      '1320987642432098764243209876.423',
    );
    expect(await fxConvert(pool, '100', 'GBP', 'JPY', 'fx-2024-06-28')).toBe('20347.525');
    expect(await fxConvert(pool, '0.1', 'USD', 'USD', 'fx-2024-06-28')).toBe('0.1');
    expect(await fxConvert(pool, '107', 'USD', 'EUR', 'fx-2024-06-28')).toBe('100');
    await expect(fxConvert(pool, 'ten', 'USD', 'EUR', 'fx-2024-06-28')).rejects.toMatchObject({ field: 'amount' });
  });
});
