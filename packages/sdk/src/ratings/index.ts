export { compositeRatingAsOf } from './composite-rating-as-of.js';
export { compositeRating, compositeRules, type CompositeRating, type CompositeRule } from './composite-rating.js';
export { notchToNotation } from './notch-to-notation.js';
export { parseRating, type ParsedRating } from './parse-rating.js';
export { isRatingAgency, isRatingOutlook } from './rating-agency.js';
export { ratingAsOf, type RatingInForce } from './rating-as-of.js';
export { defaultNotch, lastInvestmentGradeNotch, ratingScale, ratingScales } from './rating-scales.js';
export { recordRating } from './record-rating.js';
