import { describe, expect, it } from 'vitest';
import { resolveFeedValidationConfig } from '../src/feeds/feed-validation-config.js';
import { validateCreditSpread } from '../src/feeds/validate-credit-spread.js';
import { validateFxSpotFeed } from '../src/feeds/validate-fx-spot-feed.js';
import { validateRatingFeed, type RatingFeedContext } from '../src/feeds/validate-rating-feed.js';
import { validateYieldCurve } from '../src/feeds/validate-yield-curve.js';
import { tenorInDays } from '../src/feeds/tenor.js';
import { parseRating } from '../src/ratings/parse-rating.js';

const config = resolveFeedValidationConfig();
const codes = (validation: { findings: readonly { code: string }[] }) => validation.findings.map((f) => f.code);

const curve = (nodes: Array<[string, unknown]>, name = 'EUR-ESTR') => ({
  curve: name,
  currency: 'EUR',
  nodes: nodes.map(([tenor, rate]) => ({ tenor, rate })),
});

describe('tenors', () => {
  it('parses ON/TN/SN, days, weeks, months and years; 12M equals 1Y', () => {
    expect(tenorInDays('ON')).toBe(1);
    expect(tenorInDays('1W')).toBe(7);
    expect(tenorInDays('12M')).toBe(tenorInDays('1Y'));
    expect(tenorInDays('0Y')).toBeUndefined();
    expect(tenorInDays('3 months')).toBeUndefined();
  });
});

describe('YIELD_CURVE validation', () => {
  it('passes a sorted, unique curve, negative rates included', () => {
    const result = validateYieldCurve(
      curve([
        ['1M', '-0.0045'],
        ['1Y', -0.002],
        ['10Y', '0.0125'],
      ]),
      config.yieldCurve,
    );
    expect(result).toMatchObject({ status: 'PASS', findings: [] });
  });

  it('fails unparsable, unsorted and repeated tenors and non-finite rates', () => {
    const result = validateYieldCurve(
      curve([
        ['1Y', 0.03],
        ['6M', 0.02],
        ['12M', 0.03],
        ['5 years', 0.04],
        ['10Y', 'NaN'],
        ['30Y', null],
      ]),
      config.yieldCurve,
    );
    expect(result.status).toBe('FAIL');
    expect(codes(result)).toEqual(['TENOR_SORTED', 'TENOR_UNIQUE', 'TENOR_PARSES', 'RATE_FINITE', 'RATE_FINITE']);
    expect(result.findings[0]).toMatchObject({ path: 'nodes.1.tenor' });
  });

  it('fails a currency that is not an ISO 4217 code', () => {
    const result = validateYieldCurve(
      {
        ...curve([
          ['1Y', 0.03],
          ['10Y', 0.04],
        ]),
        currency: 'XYZ',
      },
      config.yieldCurve,
    );
    expect(result).toMatchObject({ status: 'FAIL', findings: [{ code: 'PAYLOAD_SHAPE', path: 'currency' }] });
    expect(result.findings[0]?.message).toContain('ISO 4217');
  });

  it('fails a curve of fewer than two nodes and a malformed payload', () => {
    expect(codes(validateYieldCurve(curve([['1Y', 0.03]]), config.yieldCurve))).toEqual(['MIN_NODES']);
    const malformed = validateYieldCurve({ curve: 'X', currency: 'eur', nodes: 'none' }, config.yieldCurve);
    expect(malformed.status).toBe('FAIL');
    expect(malformed.findings.map((f) => f.path)).toEqual(['currency', 'nodes']);
  });

  it('warns outside the configured bounds and on day-over-day jumps, fails on jumps beyond the FAIL threshold; both configurable', () => {
    const previous = curve([
      ['1Y', 0.03],
      ['10Y', 0.04],
    ]);
    const today = curve([
      ['1Y', 0.031],
      ['10Y', 0.35],
    ]);
    const result = validateYieldCurve(today, config.yieldCurve, previous);
    expect(result.status).toBe('FAIL');
    expect(result.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['WARN RATE_BOUNDS', 'FAIL DAILY_MOVE']);
    const warned = validateYieldCurve(
      curve([
        ['1Y', 0.031],
        ['10Y', 0.05],
      ]),
      config.yieldCurve,
      previous,
    );
    expect(warned.findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual(['WARN DAILY_MOVE nodes.1.rate']);
    const wider = resolveFeedValidationConfig({ yieldCurve: { maxRate: 0.5, maxDailyMove: 0.5 } });
    expect(validateYieldCurve(today, wider.yieldCurve, previous).status).toBe('PASS');
  });

  it('compares day-over-day only against a curve of the same name', () => {
    const previous = curve(
      [
        ['1Y', 0.01],
        ['10Y', 0.01],
      ],
      'USD-SOFR',
    );
    expect(
      validateYieldCurve(
        curve([
          ['1Y', 0.05],
          ['10Y', 0.06],
        ]),
        config.yieldCurve,
        previous,
      ).status,
    ).toBe('PASS');
  });
});

describe('CREDIT_SPREAD validation', () => {
  const spreads = (...rows: Array<[string, string, unknown]>) => ({
    spreads: rows.map(([entity_id, tenor, spread_bps]) => ({ entity_id, tenor, spread_bps })),
  });

  it('passes finite non-negative spreads', () => {
    expect(
      validateCreditSpread(spreads(['ISS-1', '5Y', 125.5], ['ISS-1', '1Y', '0']), config.creditSpread).status,
    ).toBe('PASS');
  });

  it('fails NaN and negative spreads', () => {
    const result = validateCreditSpread(
      spreads(['ISS-1', '5Y', Number.NaN], ['ISS-2', '5Y', 'NaN'], ['ISS-3', '5Y', -4]),
      config.creditSpread,
    );
    expect(result.status).toBe('FAIL');
    expect(codes(result)).toEqual(['SPREAD_FINITE', 'SPREAD_FINITE', 'SPREAD_NON_NEGATIVE']);
  });

  it('warns on jumps beyond the configured limit', () => {
    const result = validateCreditSpread(
      spreads(['ISS-1', '5Y', 300]),
      config.creditSpread,
      spreads(['ISS-1', '5Y', 120]),
    );
    expect(result).toMatchObject({ status: 'WARN', findings: [{ code: 'DAILY_MOVE', path: 'spreads.0.spread_bps' }] });
  });
});

describe('FX_SPOT validation', () => {
  const quotes = (...rows: Array<[string, unknown, string?]>) => ({
    quotes: rows.map(([pair, rate, quoted_at]) => (quoted_at ? { pair, rate, quoted_at } : { pair, rate })),
  });

  it('passes consistent quotes', () => {
    const result = validateFxSpotFeed(
      quotes(['EUR/USD', '1.08'], ['USD/JPY', '150'], ['EUR/JPY', '162.0']),
      '2026-01-15',
      config.fxSpot,
    );
    expect(result).toMatchObject({ status: 'PASS', findings: [] });
  });

  it('fails a non-positive rate and a malformed or repeated pair', () => {
    const result = validateFxSpotFeed(
      quotes(
        ['EUR/USD', '0'],
        ['GBP/USD', '-1.2'],
        ['EURUSD', '1.08'],
        ['USD/USD', '1'],
        ['CHF/USD', '1.1'],
        ['CHF/USD', '1.1'],
      ),
      '2026-01-15',
      config.fxSpot,
    );
    expect(result.status).toBe('FAIL');
    expect(codes(result)).toEqual(['RATE_POSITIVE', 'RATE_POSITIVE', 'PAIR_FORMAT', 'PAIR_FORMAT', 'PAIR_UNIQUE']);
  });

  it('fails a pair whose sides are not ISO 4217 currency codes', () => {
    const result = validateFxSpotFeed(
      quotes(['ABC/XYZ', '1.5'], ['EUR/XYZ', '2'], ['EUR/USD', '1.08']),
      '2026-01-15',
      config.fxSpot,
    );
    expect(result.status).toBe('FAIL');
    expect(result.findings.map((f) => [f.code, f.path])).toEqual([
      ['PAIR_FORMAT', 'quotes.0.pair'],
      ['PAIR_FORMAT', 'quotes.1.pair'],
    ]);
    expect(result.findings[0]?.message).toContain('not ISO 4217: ABC, XYZ');
    expect(result.findings[1]?.message).toContain('not ISO 4217: XYZ');
  });

  it('warns on a stale quote and on a cross rate that disagrees with its triangulation', () => {
    const result = validateFxSpotFeed(
      quotes(['EUR/USD', '1.08', '2026-01-10T16:00:00Z'], ['USD/JPY', '150'], ['EUR/JPY', '165']),
      '2026-01-15',
      config.fxSpot,
    );
    expect(result.status).toBe('WARN');
    expect(codes(result)).toEqual(['QUOTE_FRESH', 'TRIANGULATION']);
  });
});

describe('RATING validation', () => {
  const previousRatings = new Map([
    ['ISS-1|SP', parseRating('SP', 'BBB')!],
    ['ISS-2|MOODYS', parseRating('MOODYS', 'A1')!],
  ]);
  const context: RatingFeedContext = { knownEntityIds: new Set(['ISS-1', 'ISS-2', 'ISS-3']), previousRatings };

  it('passes notations on the agency scale', () => {
    const payload = { ratings: [{ entity_id: 'ISS-3', agency: 'DBRS', rating: 'A (high)', outlook: 'STABLE' }] };
    expect(validateRatingFeed(payload, '2026-01-15', context, config.rating).status).toBe('PASS');
  });

  it('fails a notation outside the agency scale and an unknown entity', () => {
    const payload = {
      ratings: [
        { entity_id: 'ISS-3', agency: 'MOODYS', rating: 'BBB+' },
        { entity_id: 'NOPE', agency: 'SP', rating: 'A' },
      ],
    };
    const result = validateRatingFeed(payload, '2026-01-15', context, config.rating);
    expect(result.status).toBe('FAIL');
    expect(codes(result)).toEqual(['RATING_ON_SCALE', 'ENTITY_KNOWN']);
  });

  it('warns on a move of three or more notches and on a fall below investment grade', () => {
    const payload = {
      ratings: [
        { entity_id: 'ISS-1', agency: 'SP', rating: 'BB+' },
        { entity_id: 'ISS-2', agency: 'MOODYS', rating: 'Baa1' },
      ],
    };
    const result = validateRatingFeed(payload, '2026-01-15', context, config.rating);
    expect(result.status).toBe('WARN');
    expect(codes(result)).toEqual(['INVESTMENT_GRADE_KEPT', 'NOTCH_MOVE']);
  });

  it('fails an unknown agency or outlook by shape', () => {
    const payload = { ratings: [{ entity_id: 'ISS-1', agency: 'XYZ', rating: 'A', outlook: 'SUNNY' }] };
    expect(validateRatingFeed(payload, '2026-01-15', context, config.rating).findings.map((f) => f.path)).toEqual([
      'ratings.0.agency',
      'ratings.0.outlook',
    ]);
  });
});
