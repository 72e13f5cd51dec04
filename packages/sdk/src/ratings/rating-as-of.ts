import type { DatabaseConnection } from '../connection/database-connection.js';
import { RATING_AGENCIES, type RatingAgency } from '../schemas/enums.js';
import { idInput, isoDateInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { ratingsInForce, type RatingInForce } from './ratings-in-force.js';

export type { RatingInForce } from './ratings-in-force.js';

/**
 * Each agency's rating of an entity in force on `date`: the one with the latest effective_date on or before it, ties
 * broken deterministically as ratingsInForce documents. Agencies that had not rated the entity are absent.
 */
export async function ratingAsOf(
  connection: DatabaseConnection,
  entityId: string,
  date: string,
  agencies: readonly RatingAgency[] = RATING_AGENCIES,
): Promise<Map<RatingAgency, RatingInForce>> {
  const asOf = parseInput(isoDateInput, date, 'rating date');
  const entity = parseInput(idInput, entityId, 'entity id');
  const inForce = await ratingsInForce(connection, [entity], asOf, agencies);
  return new Map(inForce.map((rating) => [rating.row.agency, rating]));
}
