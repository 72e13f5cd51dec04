import { RATING_AGENCIES, RATING_OUTLOOKS, type RatingAgency, type RatingOutlook } from '../schemas/enums.js';

export function isRatingAgency(value: string): value is RatingAgency {
  return (RATING_AGENCIES as readonly string[]).includes(value);
}

export function isRatingOutlook(value: string): value is RatingOutlook {
  return (RATING_OUTLOOKS as readonly string[]).includes(value);
}
