import type { DatabaseConnection } from '../connection/database-connection.js';
import { compositeRating, type CompositeRating, type CompositeRule } from './composite-rating.js';
import { ratingAsOf } from './rating-as-of.js';

/** The composite of every agency's rating in force on `date` (see compositeRating for the rules); undefined if unrated. */
export async function compositeRatingAsOf(
  connection: DatabaseConnection,
  entityId: string,
  date: string,
  rule: CompositeRule = 'SECOND_BEST',
): Promise<CompositeRating | undefined> {
  const inForce = await ratingAsOf(connection, entityId, date);
  return compositeRating(
    [...inForce.values()].map((rating) => rating.parsed),
    rule,
  );
}
