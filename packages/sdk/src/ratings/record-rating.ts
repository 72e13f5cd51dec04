import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ValidationError } from '../errors/validation-error.js';
import {
  ratingHistoryCreateInputSchema,
  ratingHistoryRowSchema,
  type RatingHistoryCreateInput,
  type RatingHistoryRow,
} from '../schemas/rating-history.js';
import { parseInput } from '../types/parse-input.js';
import { ratingScale } from './rating-scales.js';
import { parseRating } from './parse-rating.js';

/**
 * Records one agency rating of an entity. The notation must be on the agency's scale and is stored in the agency's
 * canonical spelling ('BBB(low)' → 'BBB (low)'); an unknown entity fails with InvalidReferenceError.
 */
export async function recordRating(
  connection: DatabaseConnection,
  input: RatingHistoryCreateInput,
): Promise<RatingHistoryRow> {
  const rating = parseInput(ratingHistoryCreateInputSchema, input, 'rating');
  const parsed = parseRating(rating.agency, rating.rating);
  if (parsed === undefined) {
    throw new ValidationError(
      [
        {
          field: 'rating',
          message: `"${rating.rating}" is not on the ${rating.agency} scale (${ratingScale(rating.agency).join(', ')})`,
        },
      ],
      `rating of ${rating.entity_id}`,
    );
  }
  return connection.one(sql.type(ratingHistoryRowSchema)`
    INSERT INTO rating_history (rating_id, entity_id, agency, rating, outlook, as_of_date, effective_date, metadata_json)
    VALUES (
      ${rating.rating_id}, ${rating.entity_id}, ${rating.agency}, ${parsed.notation}, ${rating.outlook ?? null},
      ${rating.as_of_date}::date, ${rating.effective_date}::date, ${sql.jsonb(rating.metadata_json)}
    )
    RETURNING *
  `);
}
