import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { resolveFeedValidationConfig } from '../src/feeds/feed-validation-config.js';
import { ingestFeed } from '../src/feeds/ingest-feed.js';
import { validateCreditSpread } from '../src/feeds/validate-credit-spread.js';
import { validateFxSpotFeed, type FxSpotFeedContext } from '../src/feeds/validate-fx-spot-feed.js';
import { validateRatingFeed } from '../src/feeds/validate-rating-feed.js';
import { listFxSpots } from '../src/fx/list-fx-spots.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const config = resolveFeedValidationConfig();
const found = (validation: { findings: readonly { severity: string; code: string; path: string }[] }) =>
  validation.findings.map((f) => `${f.severity} ${f.code} ${f.path}`);
const quotes = (...rows: Array<[string, unknown, string?]>) => ({
  quotes: rows.map(([pair, rate, quoted_at]) => ({ pair, rate, ...(quoted_at === undefined ? {} : { quoted_at }) })),
});
const previous: FxSpotFeedContext = {
  previousSnapshot: {
    snapshotId: 'fx-prev',
    asOfDate: '2026-01-14',
    spots: [
      { pair: 'EUR/USD', spot_rate: '1.10', as_of_date: '2026-01-14' },
      { pair: 'USD/JPY', spot_rate: '150', as_of_date: '2026-01-14' },
      { pair: 'GBP/USD', spot_rate: '1.25', as_of_date: '2026-01-14' },
    ],
  },
};
const fx = (payload: unknown, context: FxSpotFeedContext = previous, fxConfig = config.fxSpot) =>
  validateFxSpotFeed(payload, '2026-01-15', fxConfig, context);

describe('FX_SPOT day-over-day moves against the previous accepted snapshot', () => {
  it('passes small moves, warns beyond dailyMoveWarn and fails beyond dailyMoveFail, rises and falls alike', () => {
    expect(fx(quotes(['EUR/USD', '1.12'], ['USD/JPY', '151'])).status).toBe('PASS');
    expect(found(fx(quotes(['EUR/USD', '1.21'])))).toEqual(['WARN DAILY_MOVE quotes.0.rate']);
    expect(found(fx(quotes(['EUR/USD', '1.65'])))).toEqual(['FAIL DAILY_MOVE quotes.0.rate']);
    expect(found(fx(quotes(['EUR/USD', '0.00011'])))).toEqual(['FAIL DAILY_MOVE quotes.0.rate']);
    expect(found(fx(quotes(['USD/JPY', '100'])))).toEqual(['FAIL DAILY_MOVE quotes.0.rate']);
    expect(fx(quotes(['EUR/USD', '1.65'])).findings[0]?.message).toContain("since snapshot 'fx-prev' of 2026-01-14");
  });

  it('compares a pair with the inverse the previous snapshot quoted, and ignores pairs it did not quote', () => {
    expect(fx(quotes(['USD/EUR', '0.9'])).status).toBe('PASS');
    expect(found(fx(quotes(['USD/EUR', '0.6'])))).toEqual(['FAIL DAILY_MOVE quotes.0.rate']);
    expect(fx(quotes(['AUD/USD', '0.65'])).status).toBe('PASS');
    expect(fx(quotes(['EUR/USD', '1.65']), {}).status).toBe('PASS');
  });

  it('takes both thresholds from the config and refuses a config whose WARN exceeds its FAIL', () => {
    const loose = resolveFeedValidationConfig({ fxSpot: { dailyMoveWarn: 0.6, dailyMoveFail: 1 } });
    expect(fx(quotes(['EUR/USD', '1.65']), previous, loose.fxSpot).status).toBe('PASS');
    expect(resolveFeedValidationConfig({ fxSpot: { dailyMoveWarn: 0.4 } }).fxSpot.dailyMoveFail).toBe(0.4);
    const error = (() => {
      try {
        return resolveFeedValidationConfig({
          fxSpot: { dailyMoveWarn: 0.3, dailyMoveFail: 0.2 },
          creditSpread: { maxDailyMoveBps: -1 },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([
      'creditSpread.maxDailyMoveBps',
      'fxSpot.dailyMoveFail',
    ]);
  });
});

describe('FX_SPOT consistency within one feed', () => {
  it('fails a pair and its inverse that disagree, accepts them when they agree', () => {
    expect(found(fx(quotes(['EUR/USD', '1.10'], ['USD/EUR', '0.5']), {}))).toEqual([
      'FAIL INVERSE_CONSISTENT quotes.1.rate',
    ]);
    expect(found(fx(quotes(['USD/JPY', '150'], ['GBP/USD', '1.25'], ['JPY/USD', '0.0067']), {}))).toEqual([
      'FAIL INVERSE_CONSISTENT quotes.2.rate',
    ]);
    expect(fx(quotes(['EUR/USD', '1.25'], ['USD/EUR', '0.8']), {}).status).toBe('PASS');
  });

  it('fails quotes dated after the as-of date, in the offset they are written in', () => {
    const result = fx(
      quotes(
        ['EUR/USD', '1.1', '2026-01-16T00:00:00Z'],
        ['GBP/USD', '1.25', '2026-01-15T23:59:59Z'],
        ['USD/JPY', '150', '2026-01-16T08:00:00+09:00'],
        ['AUD/USD', '0.65', '2027-01-01T00:00:00Z'],
      ),
      {},
    );
    expect(found(result)).toEqual([
      'FAIL QUOTE_NOT_FUTURE quotes.0.quoted_at',
      'FAIL QUOTE_NOT_FUTURE quotes.2.quoted_at',
      'FAIL QUOTE_NOT_FUTURE quotes.3.quoted_at',
    ]);
  });
});

describe('CREDIT_SPREAD and RATING strictness', () => {
  const spreads = (...rows: Array<[string, string, unknown]>) => ({
    spreads: rows.map(([entity_id, tenor, spread_bps]) => ({ entity_id, tenor, spread_bps })),
  });
  const before = spreads(['ISS-1', '5Y', 100]);

  it('fails a spread move beyond failDailyMoveBps and an entity/tenor quoted twice (12M = 1Y)', () => {
    expect(found(validateCreditSpread(spreads(['ISS-1', '5Y', 250]), config.creditSpread, before))).toEqual([
      'WARN DAILY_MOVE spreads.0.spread_bps',
    ]);
    expect(found(validateCreditSpread(spreads(['ISS-1', '5Y', 900]), config.creditSpread, before))).toEqual([
      'FAIL DAILY_MOVE spreads.0.spread_bps',
    ]);
    expect(
      found(validateCreditSpread(spreads(['ISS-2', '1Y', 50], ['ISS-2', '12M', 60]), config.creditSpread)),
    ).toEqual(['FAIL SPREAD_UNIQUE spreads.1']);
  });

  const context = { knownEntityIds: new Set(['ISS-1', 'ISS-2']), previousRatings: new Map() };
  const rate = (...rows: Array<Record<string, string>>) => ({ ratings: rows });

  it('fails the same entity, agency and effective date twice, the as-of date standing in for a missing one', () => {
    const twice = rate(
      { entity_id: 'ISS-1', agency: 'SP', rating: 'A' },
      { entity_id: 'ISS-1', agency: 'SP', rating: 'BBB' },
    );
    expect(found(validateRatingFeed(twice, '2026-01-15', context, config.rating))).toEqual([
      'FAIL RATING_UNIQUE ratings.1',
    ]);
    const implied = rate(
      { entity_id: 'ISS-1', agency: 'SP', rating: 'A', effective_date: '2026-01-15' },
      { entity_id: 'ISS-1', agency: 'SP', rating: 'A' },
    );
    expect(found(validateRatingFeed(implied, '2026-01-15', context, config.rating))).toEqual([
      'FAIL RATING_UNIQUE ratings.1',
    ]);
    const distinct = rate(
      { entity_id: 'ISS-1', agency: 'SP', rating: 'A' },
      { entity_id: 'ISS-1', agency: 'FITCH', rating: 'A' },
      { entity_id: 'ISS-2', agency: 'SP', rating: 'A' },
      { entity_id: 'ISS-1', agency: 'SP', rating: 'A-', effective_date: '2026-01-01' },
    );
    expect(validateRatingFeed(distinct, '2026-01-15', context, config.rating).status).toBe('PASS');
  });

  it('fails an effective date after the feed as-of date', () => {
    const future = rate({ entity_id: 'ISS-1', agency: 'SP', rating: 'A', effective_date: '2026-01-16' });
    expect(found(validateRatingFeed(future, '2026-01-15', context, config.rating))).toEqual([
      'FAIL EFFECTIVE_NOT_FUTURE ratings.0.effective_date',
    ]);
  });
});

describe('FX_SPOT ingestion compares with what is stored', () => {
  const ingest = (as_of_date: string, payload: unknown) =>
    ingestFeed(pool, { feed_type: 'FX_SPOT', as_of_date, source: 'test', payload });

  it('checks each feed against the latest accepted snapshot before its date, never a rejected feed', async () => {
    expect(
      (await ingest('2026-03-02', { snapshot_id: 'm-02', ...quotes(['EUR/USD', '1.10']) })).feed.validation_status,
    ).toBe('PASS');
    const jump = await ingest('2026-03-03', { snapshot_id: 'm-03', ...quotes(['EUR/USD', '1.65']) });
    expect(found(jump.validation)).toEqual(['FAIL DAILY_MOVE quotes.0.rate']);
    expect(await listFxSpots(pool, 'm-03')).toEqual([]);
    const next = await ingest('2026-03-04', { snapshot_id: 'm-04', ...quotes(['EUR/USD', '1.20']) });
    expect(found(next.validation)).toEqual(['WARN DAILY_MOVE quotes.0.rate']);
    expect(next.validation.findings[0]?.message).toContain("snapshot 'm-02'");
    const late = await ingest('2026-03-01', { snapshot_id: 'm-01', ...quotes(['EUR/USD', '1.11']) });
    expect(late.validation.status).toBe('PASS');
  });

  it('accepts the same snapshot again as a no-op and fails one that would change or extend it', async () => {
    const same = await ingest('2026-03-02', {
      snapshot_id: 'm-02',
      quotes: [{ pair: 'EUR/USD', rate: 1.1, quoted_at: '2026-03-02T16:00:00Z' }],
    });
    expect(same).toMatchObject({ duplicate: false, fxSnapshotId: 'm-02', feed: { validation_status: 'PASS' } });
    const extended = await ingest('2026-03-02', {
      snapshot_id: 'm-02',
      ...quotes(['EUR/USD', '1.10'], ['GBP/USD', '1.25']),
    });
    const moved = await ingest('2026-03-05', { snapshot_id: 'm-02', ...quotes(['EUR/USD', '1.10']) });
    for (const refused of [extended, moved]) {
      expect(found(refused.validation)).toContain('FAIL SNAPSHOT_IMMUTABLE snapshot_id');
      expect(refused.fxSnapshotId).toBeUndefined();
    }
    expect((await listFxSpots(pool, 'm-02')).map((spot) => `${spot.pair} ${spot.as_of_date}`)).toEqual([
      'EUR/USD 2026-03-02',
    ]);
  });

  it('lets one of two concurrent feeds for one new snapshot id in; the other fails, writing nothing', async () => {
    const results = await Promise.all([
      ingest('2026-03-10', { snapshot_id: 'm-race', ...quotes(['EUR/USD', '1.20'], ['USD/JPY', '150']) }),
      ingest('2026-03-10', { snapshot_id: 'm-race', ...quotes(['EUR/USD', '1.20'], ['USD/CHF', '0.9']) }),
    ]);
    expect(results.map((result) => result.feed.validation_status).sort()).toEqual(['FAIL', 'PASS']);
    const loser = results.find((result) => result.feed.validation_status === 'FAIL');
    expect(found(loser?.validation ?? { findings: [] })).toContain('FAIL SNAPSHOT_IMMUTABLE snapshot_id');
    const winner = results.find((result) => result.feed.validation_status === 'PASS');
    expect(winner).toBeDefined();
    const winnerPairs = (winner!.feed.payload_json as { quotes: Array<{ pair: string }> }).quotes
      .map((quote) => quote.pair)
      .sort();
    expect((await listFxSpots(pool, 'm-race')).map((spot) => spot.pair)).toEqual(winnerPairs);
  });
});
