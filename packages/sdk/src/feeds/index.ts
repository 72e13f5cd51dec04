export type { FeedFinding, FeedValidation } from './feed-finding.js';
export {
  defaultFeedValidationConfig,
  resolveFeedValidationConfig,
  type FeedValidationConfig,
  type FeedValidationOverrides,
} from './feed-validation-config.js';
export { ingestFeed, ingestFeedInputSchema, type IngestFeedInput, type IngestFeedOptions, type IngestFeedResult } from './ingest-feed.js';
export { canonicalPayload } from './payload-hash.js';
export { tenorInDays } from './tenor.js';
export { creditSpreadPayloadSchema, validateCreditSpread, type CreditSpreadPayload } from './validate-credit-spread.js';
export { validateFeedPayload, type FeedValidationContext } from './validate-feed-payload.js';
export { fxSpotPayloadSchema, validateFxSpotFeed, type FxSpotPayload } from './validate-fx-spot-feed.js';
export { ratingPayloadSchema, validateRatingFeed, type RatingFeedContext, type RatingPayload } from './validate-rating-feed.js';
export { validateYieldCurve, yieldCurvePayloadSchema, type YieldCurvePayload } from './validate-yield-curve.js';
export { latestFxSnapshotId } from './latest-fx-snapshot.js';
