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

const checks = [
  'PAYLOAD_SHAPE',
  'ENTITY_KNOWN',
  'RATING_UNIQUE',
  'EFFECTIVE_NOT_FUTURE',
  'RATING_ON_SCALE',
  'NOTCH_MOVE',
  'INVESTMENT_GRADE_KEPT',
];

/**
 * RATING: FAIL on a notation outside the agency's scale, an entity missing from reference data, the same entity,
 * agency and effective date rated twice (which one would be in force?), or an effective date after the feed's as-of
 * date; WARN on a move of the configured number of notches or more, and on a fall from investment grade to below it.
 */
export function validateRatingFeed(
  payload: unknown,
  asOfDate: string,
  context: RatingFeedContext,
  config: FeedValidationConfig['rating'],
): FeedValidation {
  const shape = parsePayloadShape(ratingPayloadSchema, payload);
  if ('findings' in shape) return feedValidation(shape.findings, checks);
  const findings: FeedFinding[] = [];
  const firstIndex = new Map<string, number>();
  shape.data.ratings.forEach((entry, index) => {
    const path = `ratings.${index}`;
    if (!context.knownEntityIds.has(entry.entity_id)) {
      findings.push(fail('ENTITY_KNOWN', `${path}.entity_id`, `entity ${entry.entity_id} is not in reference data`));
    }
    const effectiveDate = entry.effective_date ?? asOfDate;
    const key = `${entry.entity_id}|${entry.agency}|${effectiveDate}`;
    const earlier = firstIndex.get(key);
    if (earlier === undefined) firstIndex.set(key, index);
    else {
      findings.push(
        fail(
          'RATING_UNIQUE',
          path,
          `${entry.entity_id} ${entry.agency} effective ${effectiveDate} is rated again (first at ratings.${earlier})`,
        ),
      );
    }
    if (effectiveDate > asOfDate) {
      findings.push(
        fail(
          'EFFECTIVE_NOT_FUTURE',
          `${path}.effective_date`,
          `effective date ${effectiveDate} is after the feed's as-of date ${asOfDate}`,
        ),
      );
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
        warn(
          'NOTCH_MOVE',
          `${path}.rating`,
          `${entry.entity_id} ${entry.agency} moved ${Math.abs(move)} notches (${previous.notation} → ${parsed.notation})`,
        ),
      );
    }
    if (previous.investmentGrade && !parsed.investmentGrade) {
      findings.push(
        warn(
          'INVESTMENT_GRADE_KEPT',
          `${path}.rating`,
          `${entry.entity_id} ${entry.agency} fell below investment grade (${previous.notation} → ${parsed.notation})`,
        ),
      );
    }
  });
  return feedValidation(findings, checks);
}
