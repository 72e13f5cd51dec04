import type { FeedType } from '../schemas/enums.js';
import type { FeedValidation } from './feed-finding.js';
import type { FeedValidationConfig } from './feed-validation-config.js';
import type { CreditSpreadPayload } from './validate-credit-spread.js';
import { validateCreditSpread } from './validate-credit-spread.js';
import { validateFxSpotFeed, type FxSpotFeedContext } from './validate-fx-spot-feed.js';
import { validateRatingFeed, type RatingFeedContext } from './validate-rating-feed.js';
import { validateYieldCurve, type YieldCurvePayload } from './validate-yield-curve.js';

/** What the checks of each feed type compare against: earlier accepted data, the ratings in force. */
export interface FeedValidationContext {
  /** The latest accepted curve of the same name before the as-of date. */
  readonly previousYieldCurve?: YieldCurvePayload;
  /** For each entity/tenor of the feed, its spread in the latest accepted feed before the as-of date quoting it. */
  readonly previousCreditSpreads?: CreditSpreadPayload;
  readonly ratings?: RatingFeedContext;
  /** The snapshot already stored under the feed's snapshot id, and the previous accepted snapshot. */
  readonly fx?: FxSpotFeedContext;
}

/** Validates a payload by its feed type; never throws for bad payloads (they come back as FAIL findings). */
export function validateFeedPayload(
  feedType: FeedType,
  payload: unknown,
  asOfDate: string,
  config: FeedValidationConfig,
  context: FeedValidationContext = {},
): FeedValidation {
  switch (feedType) {
    case 'YIELD_CURVE':
      return validateYieldCurve(payload, config.yieldCurve, context.previousYieldCurve);
    case 'CREDIT_SPREAD':
      return validateCreditSpread(payload, config.creditSpread, context.previousCreditSpreads);
    case 'FX_SPOT':
      return validateFxSpotFeed(payload, asOfDate, config.fxSpot, context.fx);
    case 'RATING':
      return validateRatingFeed(
        payload,
        asOfDate,
        context.ratings ?? { knownEntityIds: new Set(), previousRatings: new Map() },
        config.rating,
      );
  }
}
