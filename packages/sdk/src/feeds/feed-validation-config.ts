import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

/**
 * Thresholds of the feed checks. Rates are decimal fractions (0.05 = 5 %), spreads basis points. A move beyond a
 * `…Warn` threshold warns (the data is still accepted), beyond a `…Fail` threshold fails (nothing is populated).
 * Negative rates are legitimate (EUR, CHF, JPY curves went below zero), so the lower rate bound is below zero.
 */
export interface FeedValidationConfig {
  readonly yieldCurve: {
    readonly minRate: number;
    readonly maxRate: number;
    /** Largest day-over-day move of one tenor's rate before it warns (0.005 = 50 bp). */
    readonly maxDailyMove: number;
    /** Largest day-over-day move of one tenor's rate before the curve fails (0.03 = 300 bp). */
    readonly failDailyMove: number;
  };
  readonly creditSpread: {
    /** Largest day-over-day move of one entity/tenor spread before it warns, in basis points. */
    readonly maxDailyMoveBps: number;
    /** Largest day-over-day move of one entity/tenor spread before the feed fails, in basis points. */
    readonly failDailyMoveBps: number;
  };
  readonly fxSpot: {
    /** A quote older than this many days before the feed's as-of date is stale. */
    readonly maxQuoteAgeDays: number;
    /** Largest relative gap between a direct cross rate and its triangulation through USD (0.001 = 0.1 %). */
    readonly triangulationTolerance: number;
    /** Largest relative gap between a pair's rate and the inverse of its opposite pair in the same feed; beyond it fails. */
    readonly inverseTolerance: number;
    /**
     * Largest move of a pair against the previous accepted FX snapshot before it warns, as max(new/old, old/new) − 1,
     * so a rise and the fall that undoes it count the same (0.05 = 5 %).
     */
    readonly dailyMoveWarn: number;
    /** As dailyMoveWarn, beyond which the feed fails (0.25 = 25 %). */
    readonly dailyMoveFail: number;
  };
  readonly rating: {
    /** A move of this many notches or more warns. */
    readonly notchMoveWarning: number;
  };
}

export const defaultFeedValidationConfig: FeedValidationConfig = {
  yieldCurve: { minRate: -0.05, maxRate: 0.3, maxDailyMove: 0.005, failDailyMove: 0.03 },
  creditSpread: { maxDailyMoveBps: 100, failDailyMoveBps: 500 },
  fxSpot: {
    maxQuoteAgeDays: 1,
    triangulationTolerance: 0.001,
    inverseTolerance: 0.001,
    dailyMoveWarn: 0.05,
    dailyMoveFail: 0.25,
  },
  rating: { notchMoveWarning: 3 },
};

export type FeedValidationOverrides = { readonly [K in keyof FeedValidationConfig]?: Partial<FeedValidationConfig[K]> };

/**
 * The defaults with `overrides` applied. A FAIL threshold left at its default rises to its WARN threshold when only
 * the WARN one is raised above it; ValidationError when a threshold is not a number, is negative, or a WARN threshold
 * given exceeds the FAIL threshold given.
 */
export function resolveFeedValidationConfig(overrides: FeedValidationOverrides = {}): FeedValidationConfig {
  const defaults = defaultFeedValidationConfig;
  const yieldCurve = { ...defaults.yieldCurve, ...overrides.yieldCurve };
  const creditSpread = { ...defaults.creditSpread, ...overrides.creditSpread };
  const fxSpot = { ...defaults.fxSpot, ...overrides.fxSpot };
  const config: FeedValidationConfig = {
    yieldCurve: {
      ...yieldCurve,
      failDailyMove: overrides.yieldCurve?.failDailyMove ?? Math.max(yieldCurve.failDailyMove, yieldCurve.maxDailyMove),
    },
    creditSpread: {
      ...creditSpread,
      failDailyMoveBps:
        overrides.creditSpread?.failDailyMoveBps ??
        Math.max(creditSpread.failDailyMoveBps, creditSpread.maxDailyMoveBps),
    },
    fxSpot: {
      ...fxSpot,
      dailyMoveFail: overrides.fxSpot?.dailyMoveFail ?? Math.max(fxSpot.dailyMoveFail, fxSpot.dailyMoveWarn),
    },
    rating: { ...defaults.rating, ...overrides.rating },
  };
  const issues: ValidationIssue[] = [];
  for (const [group, values] of Object.entries(config) as [string, Record<string, unknown>][]) {
    for (const [name, value] of Object.entries(values)) {
      const negativeAllowed = group === 'yieldCurve' && name === 'minRate';
      if (typeof value !== 'number' || Number.isNaN(value) || (!negativeAllowed && value < 0)) {
        issues.push({
          field: `${group}.${name}`,
          message: negativeAllowed ? 'must be a number' : 'must be a number of at least 0',
        });
      }
    }
  }
  const ordered = (field: string, warnLevel: number, failLevel: number) => {
    if (warnLevel > failLevel) issues.push({ field, message: `must not be below the WARN threshold (${warnLevel})` });
  };
  ordered('yieldCurve.failDailyMove', config.yieldCurve.maxDailyMove, config.yieldCurve.failDailyMove);
  ordered('creditSpread.failDailyMoveBps', config.creditSpread.maxDailyMoveBps, config.creditSpread.failDailyMoveBps);
  ordered('fxSpot.dailyMoveFail', config.fxSpot.dailyMoveWarn, config.fxSpot.dailyMoveFail);
  if (config.yieldCurve.minRate > config.yieldCurve.maxRate) {
    issues.push({ field: 'yieldCurve.maxRate', message: `must not be below minRate (${config.yieldCurve.minRate})` });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'feed validation config');
  return config;
}
