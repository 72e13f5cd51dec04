import { z } from 'zod';
import { RATING_AGENCIES, RATING_OUTLOOKS } from '../schemas/enums.js';
import { parseRating, type ParsedRating } from '../ratings/parse-rating.js';
import { fail, feedValidation, warn, type FeedFinding, type FeedValidation } from './feed-finding.js';
import type { FeedValidationConfig } from './feed-validation-config.js';
import { parsePayloadShape } from './payload-shape.js';

export const ratingPayloadSchema = z.object({
  ratings: z
    .array(
      z.object({
        entity_id: z.string().min(1),
        agency: z.enum(RATING_AGENCIES),
        rating: z.string(),
        outlook: z.enum(RATING_OUTLOOKS).optional(),
        /** When the rating takes effect; the feed's as-of date when left out. */
        effective_date: z.iso.date().optional(),
      }),
    )
    .min(1, { error: 'must list at least one rating' }),
});
export type RatingPayload = z.infer<typeof ratingPayloadSchema>;

/** What the rating check needs to know from the database. */
export interface RatingFeedContext {
  /** Entities of the feed that exist in reference_data. */
  readonly knownEntityIds: ReadonlySet<string>;
  /** The rating in force before this feed, keyed `entity_id|agency`. */
  readonly previousRatings: ReadonlyMap<string, ParsedRating>;
}

const checks = ['PAYLOAD_SHAPE', 'ENTITY_KNOWN', 'RATING_ON_SCALE', 'NOTCH_MOVE', 'INVESTMENT_GRADE_KEPT'];

/**
 * RATING: FAIL on a notation outside the agency's scale or an entity missing from reference data; WARN on a move of
 * the configured number of notches or more, and on a fall from investment grade to below it.
 */
export function validateRatingFeed(
  payload: unknown,
  context: RatingFeedContext,
  config: FeedValidationConfig['rating'],
): FeedValidation {
  const shape = parsePayloadShape(ratingPayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const findings: FeedFinding[] = [];
  shape.data.ratings.forEach((entry, index) => {
    const path = `ratings.${index}`;
    if (!context.knownEntityIds.has(entry.entity_id)) {
      findings.push(fail('ENTITY_KNOWN', `${path}.entity_id`, `entity ${entry.entity_id} is not in reference data`));
    }
    const parsed = parseRating(entry.agency, entry.rating);
    if (parsed === undefined) {
      findings.push(fail('RATING_ON_SCALE', `${path}.rating`, `"${entry.rating}" is not on the ${entry.agency} scale`));
      return;
    }
    const previous = context.previousRatings.get(`${entry.entity_id}|${entry.agency}`);
    if (previous === undefined) return;
    const move = parsed.notch - previous.notch;
    if (Math.abs(move) >= config.notchMoveWarning) {
      findings.push(
        warn('NOTCH_MOVE', `${path}.rating`, `${entry.entity_id} ${entry.agency} moved ${Math.abs(move)} notches (${previous.notation} → ${parsed.notation})`),
      );
    }
    if (previous.investmentGrade && !parsed.investmentGrade) {
      findings.push(
        warn('INVESTMENT_GRADE_KEPT', `${path}.rating`, `${entry.entity_id} ${entry.agency} fell below investment grade (${previous.notation} → ${parsed.notation})`),
      );
    }
  });
  return feedValidation(findings, checks);
}
