/**
 * Thresholds of the WARN-level feed checks. Rates are decimal fractions (0.05 = 5 %), spreads basis points.
 * Negative rates are legitimate (EUR, CHF, JPY curves went below zero), so the lower rate bound is below zero.
 */
export interface FeedValidationConfig {
  readonly yieldCurve: {
    readonly minRate: number;
    readonly maxRate: number;
    /** Largest day-over-day move of one tenor's rate before it warns (0.005 = 50 bp). */
    readonly maxDailyMove: number;
  };
  readonly creditSpread: {
    /** Largest day-over-day move of one entity/tenor spread before it warns, in basis points. */
    readonly maxDailyMoveBps: number;
  };
  readonly fxSpot: {
    /** A quote older than this many days before the feed's as-of date is stale. */
    readonly maxQuoteAgeDays: number;
    /** Largest relative gap between a direct cross rate and its triangulation through USD (0.001 = 0.1 %). */
    readonly triangulationTolerance: number;
  };
  readonly rating: {
    /** A move of this many notches or more warns. */
    readonly notchMoveWarning: number;
  };
}

export const defaultFeedValidationConfig: FeedValidationConfig = {
  yieldCurve: { minRate: -0.05, maxRate: 0.3, maxDailyMove: 0.005 },
  creditSpread: { maxDailyMoveBps: 100 },
  fxSpot: { maxQuoteAgeDays: 1, triangulationTolerance: 0.001 },
  rating: { notchMoveWarning: 3 },
};

export type FeedValidationOverrides = { readonly [K in keyof FeedValidationConfig]?: Partial<FeedValidationConfig[K]> };

export function resolveFeedValidationConfig(overrides: FeedValidationOverrides = {}): FeedValidationConfig {
  return {
    yieldCurve: { ...defaultFeedValidationConfig.yieldCurve, ...overrides.yieldCurve },
    creditSpread: { ...defaultFeedValidationConfig.creditSpread, ...overrides.creditSpread },
    fxSpot: { ...defaultFeedValidationConfig.fxSpot, ...overrides.fxSpot },
    rating: { ...defaultFeedValidationConfig.rating, ...overrides.rating },
  };
}
