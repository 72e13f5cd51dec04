/** The agencies rating_history accepts (its rating_history_agency_check). */
export const ratingAgencies = ['SP', 'MOODYS', 'FITCH', 'DBRS'] as const;
export type RatingAgency = (typeof ratingAgencies)[number];

/** Outlooks rating_history accepts (its rating_history_outlook_check). */
export const ratingOutlooks = ['POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'] as const;
export type RatingOutlook = (typeof ratingOutlooks)[number];

export function isRatingAgency(value: string): value is RatingAgency {
  return (ratingAgencies as readonly string[]).includes(value);
}

export function isRatingOutlook(value: string): value is RatingOutlook {
  return (ratingOutlooks as readonly string[]).includes(value);
}
