import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { ingestFeed } from '../src/feeds/ingest-feed.js';
import { ratingAsOf } from '../src/ratings/rating-as-of.js';
import { createReferenceEntity } from '../src/reference/create-reference-entity.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

const count = (table: 'fx_spot' | 'rating_history' | 'market_data_feed' | 'data_lineage') =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM ${sql.identifier([table])}`);

beforeAll(async () => {
  await createReferenceEntity(pool, { entity_id: 'ISS-A', entity_type: 'ISSUER', name: 'Issuer A' });
  await createReferenceEntity(pool, { entity_id: 'ISS-B', entity_type: 'ISSUER', name: 'Issuer B' });
});

const fxPayload = {
  snapshot_id: 'FX-2026-01-15',
  quotes: [
    { pair: 'EUR/USD', rate: '1.0850' },
    { pair: 'USD/JPY', rate: '150.25' },
    { pair: 'GBP/USD', rate: '1.2710' },
  ],
};

describe('ingestFeed', () => {
  it('stores a PASS FX feed, populates fx_spot exactly and writes lineage', async () => {
    const result = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'ecb',
      payload: fxPayload,
    });
    expect(result).toMatchObject({
      duplicate: false,
      fxSnapshotId: 'FX-2026-01-15',
      feed: { validation_status: 'PASS', validation_findings_json: [] },
    });
    expect(result.feed.payload_hash).toMatch(/^[0-9a-f]{64}$/);
    const spots = await pool.any(sql.type(z.object({ pair: z.string(), spot_rate: z.string() }))`
      SELECT pair, spot_rate FROM fx_spot WHERE snapshot_id = 'FX-2026-01-15' ORDER BY pair`);
    expect(spots).toEqual([
      { pair: 'EUR/USD', spot_rate: '1.085' },
      { pair: 'GBP/USD', spot_rate: '1.271' },
      { pair: 'USD/JPY', spot_rate: '150.25' },
    ]);
    expect(result.lineage).toMatchObject({
      feed_type: 'FX_SPOT',
      feed_id: result.feed.feed_id,
      source_system: 'ecb',
      quality_checks_passed: true,
      transformation_chain: [
        'receive',
        'canonicalize:rfc8785',
        'hash:sha256',
        'validate:FX_SPOT',
        'store:market_data_feed',
        'populate:fx_spot',
      ],
    });
  });

  it('stores the same payload for the same type and date once, whatever its key order', async () => {
    const feedsBefore = await count('market_data_feed');
    const spotsBefore = await count('fx_spot');
    const reordered = {
      quotes: fxPayload.quotes.map(({ rate, pair }) => ({ rate, pair })),
      snapshot_id: fxPayload.snapshot_id,
    };
    const again = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'ecb',
      payload: reordered,
    });
    expect(again.duplicate).toBe(true);
    expect(again.lineage.transformation_chain.at(-1)).toBe('deduplicate:existing-feed');
    expect(await count('market_data_feed')).toBe(feedsBefore);
    expect(await count('fx_spot')).toBe(spotsBefore);
  });

  it('stores a FAIL FX feed with its findings and populates nothing', async () => {
    const spotsBefore = await count('fx_spot');
    const result = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-16',
      source: 'ecb',
      payload: {
        snapshot_id: 'FX-BAD',
        quotes: [
          { pair: 'EUR/USD', rate: '0' },
          { pair: 'EURUSD', rate: '1.1' },
        ],
      },
    });
    expect(result.feed.validation_status).toBe('FAIL');
    expect(result.feed.validation_findings_json).toEqual([
      expect.objectContaining({ severity: 'FAIL', code: 'RATE_POSITIVE', path: 'quotes.0.rate' }),
      expect.objectContaining({ severity: 'FAIL', code: 'PAIR_FORMAT', path: 'quotes.1.pair' }),
    ]);
    expect(result.fxSnapshotId).toBeUndefined();
    expect(await count('fx_spot')).toBe(spotsBefore);
    expect(result.lineage.quality_checks_passed).toBe(false);
  });

  it('fails a pair of non-ISO 4217 codes and writes no fx_spot row', async () => {
    const spotsBefore = await count('fx_spot');
    const result = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-16',
      source: 'ecb',
      payload: {
        snapshot_id: 'FX-NOT-ISO',
        quotes: [
          { pair: 'EUR/USD', rate: '1.08' },
          { pair: 'ABC/XYZ', rate: '1.5' },
        ],
      },
    });
    expect(result.feed.validation_status).toBe('FAIL');
    expect(result.feed.validation_findings_json).toEqual([
      expect.objectContaining({ severity: 'FAIL', code: 'PAIR_FORMAT', path: 'quotes.1.pair' }),
    ]);
    expect(result.fxSnapshotId).toBeUndefined();
    expect(await count('fx_spot')).toBe(spotsBefore);
    expect(
      await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM fx_spot WHERE snapshot_id = 'FX-NOT-ISO'`,
      ),
    ).toBe(0);
  });

  it('populates fx_spot from a WARN feed with a stale quote', async () => {
    const result = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-20',
      source: 'ecb',
      payload: {
        snapshot_id: 'FX-STALE',
        quotes: [
          { pair: 'EUR/USD', rate: '1.08', quoted_at: '2026-01-16T16:00:00Z' },
          { pair: 'USD/JPY', rate: '150' },
        ],
      },
    });
    expect(result.feed.validation_status).toBe('WARN');
    expect(result.feed.validation_findings_json).toEqual([
      expect.objectContaining({ severity: 'WARN', code: 'QUOTE_FRESH', path: 'quotes.0.quoted_at' }),
    ]);
    expect(
      await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM fx_spot WHERE snapshot_id = 'FX-STALE'`,
      ),
    ).toBe(2);
  });

  it('populates fx_spot from a WARN feed (triangulation disagrees)', async () => {
    const result = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-16',
      source: 'ecb',
      payload: {
        snapshot_id: 'FX-WARN',
        quotes: [
          { pair: 'EUR/USD', rate: '1.08' },
          { pair: 'USD/JPY', rate: '150' },
          { pair: 'EUR/JPY', rate: '170' },
        ],
      },
    });
    expect(result.feed.validation_status).toBe('WARN');
    expect(result.fxSnapshotId).toBe('FX-WARN');
    expect(
      await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM fx_spot WHERE snapshot_id = 'FX-WARN'`,
      ),
    ).toBe(3);
  });

  it('fails an FX feed that would add to or change an existing snapshot, and populates nothing', async () => {
    const spotsBefore = await count('fx_spot');
    const other = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-17',
      source: 'ecb',
      payload: { ...fxPayload, quotes: [{ pair: 'EUR/USD', rate: '1.09' }] },
    });
    expect(other.feed.validation_status).toBe('FAIL');
    expect(other.validation.findings).toContainEqual(
      expect.objectContaining({ code: 'SNAPSHOT_IMMUTABLE', path: 'snapshot_id' }),
    );
    expect(other.fxSnapshotId).toBeUndefined();
    expect(await count('fx_spot')).toBe(spotsBefore);
  });

  it('RATING: PASS populates rating_history; WARN on a fall below investment grade still populates; FAIL populates nothing', async () => {
    const pass = await ingestFeed(pool, {
      feed_type: 'RATING',
      as_of_date: '2026-01-10',
      source: 'agency-feed',
      payload: {
        ratings: [
          { entity_id: 'ISS-A', agency: 'SP', rating: 'BBB' },
          { entity_id: 'ISS-B', agency: 'MOODYS', rating: 'A2', outlook: 'STABLE' },
        ],
      },
    });
    expect(pass).toMatchObject({ ratingsWritten: 2, feed: { validation_status: 'PASS' } });

    const warn = await ingestFeed(pool, {
      feed_type: 'RATING',
      as_of_date: '2026-02-10',
      source: 'agency-feed',
      payload: { ratings: [{ entity_id: 'ISS-A', agency: 'SP', rating: 'B+' }] },
    });
    expect(warn.feed.validation_status).toBe('WARN');
    expect(warn.validation.findings.map((f) => f.code)).toEqual(['NOTCH_MOVE', 'INVESTMENT_GRADE_KEPT']);
    expect((await ratingAsOf(pool, 'ISS-A', '2026-02-10')).get('SP')?.row.rating).toBe('B+');

    const ratingsBefore = await count('rating_history');
    const failed = await ingestFeed(pool, {
      feed_type: 'RATING',
      as_of_date: '2026-03-10',
      source: 'agency-feed',
      payload: {
        ratings: [
          { entity_id: 'ISS-B', agency: 'MOODYS', rating: 'A' },
          { entity_id: 'ISS-B', agency: 'SP', rating: 'AA' },
        ],
      },
    });
    expect(failed.feed.validation_status).toBe('FAIL');
    expect(failed.validation.findings).toEqual([
      expect.objectContaining({ code: 'RATING_ON_SCALE', path: 'ratings.0.rating' }),
    ]);
    expect(await count('rating_history')).toBe(ratingsBefore);
  });

  it('YIELD_CURVE: warns on a day-over-day jump against the previous accepted curve; FAIL curves are never the reference', async () => {
    const nodes = (rates: number[]) => ['1Y', '5Y', '10Y'].map((tenor, i) => ({ tenor, rate: rates[i] }));
    await ingestFeed(pool, {
      feed_type: 'YIELD_CURVE',
      as_of_date: '2026-01-05',
      source: 'fed',
      payload: { curve: 'USD-SOFR', currency: 'USD', nodes: nodes([0.04, 0.041, 0.043]) },
    });
    const failed = await ingestFeed(pool, {
      feed_type: 'YIELD_CURVE',
      as_of_date: '2026-01-06',
      source: 'fed',
      payload: {
        curve: 'USD-SOFR',
        currency: 'USD',
        nodes: [
          { tenor: '10Y', rate: 0.2 },
          { tenor: '1Y', rate: 0.2 },
        ],
      },
    });
    expect(failed.feed.validation_status).toBe('FAIL');
    const jumped = await ingestFeed(pool, {
      feed_type: 'YIELD_CURVE',
      as_of_date: '2026-01-07',
      source: 'fed',
      payload: { curve: 'USD-SOFR', currency: 'USD', nodes: nodes([0.04, 0.0415, 0.05]) },
    });
    expect(jumped.feed.validation_status).toBe('WARN');
    expect(jumped.validation.findings).toEqual([expect.objectContaining({ code: 'DAILY_MOVE', path: 'nodes.2.rate' })]);
  });

  it('CREDIT_SPREAD: a negative or NaN spread fails', async () => {
    const result = await ingestFeed(pool, {
      feed_type: 'CREDIT_SPREAD',
      as_of_date: '2026-01-05',
      source: 'markit',
      payload: {
        spreads: [
          { entity_id: 'ISS-A', tenor: '5Y', spread_bps: -3 },
          { entity_id: 'ISS-B', tenor: '5Y', spread_bps: Number.NaN },
        ],
      },
    });
    expect(result.feed.validation_status).toBe('FAIL');
    expect(result.feed.payload_json).toEqual({
      spreads: [
        { entity_id: 'ISS-A', tenor: '5Y', spread_bps: -3 },
        { entity_id: 'ISS-B', tenor: '5Y', spread_bps: null },
      ],
    });
  });

  it("CREDIT_SPREAD: warns on a jump against each entity/tenor's own previous accepted spread", async () => {
    const spreads = (...rows: Array<[string, string, number]>) => ({
      spreads: rows.map(([entity_id, tenor, spread_bps]) => ({ entity_id, tenor, spread_bps })),
    });
    const ingest = (as_of_date: string, payload: unknown) =>
      ingestFeed(pool, { feed_type: 'CREDIT_SPREAD', as_of_date, source: 'markit', payload });
    expect((await ingest('2026-04-01', spreads(['ISS-A', '5Y', 120]))).feed.validation_status).toBe('PASS');
    expect((await ingest('2026-04-02', spreads(['ISS-B', '5Y', 80]))).feed.validation_status).toBe('PASS');
    // FAIL feeds are never the reference: ISS-A 5Y at 290 here would hide the jump below.
    expect(
      (await ingest('2026-04-03', spreads(['ISS-A', '5Y', 290], ['ISS-A', '1Y', -1]))).feed.validation_status,
    ).toBe('FAIL');

    const jumped = await ingest(
      '2026-04-06',
      spreads(['ISS-A', '5Y', 300], ['ISS-B', '60M', 300], ['ISS-B', '1Y', 40]),
    );
    expect(jumped.feed.validation_status).toBe('WARN');
    expect(jumped.validation.findings).toEqual([
      expect.objectContaining({
        code: 'DAILY_MOVE',
        path: 'spreads.0.spread_bps',
        message: 'ISS-A 5Y moved 180 bp (WARN beyond 100)',
      }),
      expect.objectContaining({
        code: 'DAILY_MOVE',
        path: 'spreads.1.spread_bps',
        message: 'ISS-B 60M moved 220 bp (WARN beyond 100)',
      }),
    ]);
    const calm = await ingest('2026-04-07', spreads(['ISS-A', '5Y', 310]));
    expect(calm.feed.validation_status).toBe('PASS');
  });

  it('refuses malformed input before any SQL runs', async () => {
    const feedsBefore = await count('market_data_feed');
    await expect(
      ingestFeed(pool, { feed_type: 'NEWS' as never, as_of_date: '2026-01-05', source: 's', payload: {} }),
    ).rejects.toMatchObject({
      field: 'feed_type',
    });
    await expect(
      ingestFeed(pool, { feed_type: 'FX_SPOT', as_of_date: '2026-02-30', source: 's', payload: {} }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await count('market_data_feed')).toBe(feedsBefore);
  });
});
