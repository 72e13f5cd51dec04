import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { RATING_AGENCIES, type RatingAgency } from '../schemas/enums.js';
import { ratingHistoryRowSchema, type RatingHistoryRow } from '../schemas/rating-history.js';
import { isoDateInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { parseRating, type ParsedRating } from './parse-rating.js';

export interface RatingInForce {
  readonly row: RatingHistoryRow;
  readonly parsed: ParsedRating;
}

/**
 * Each agency's rating of an entity in force on `date`: the one with the latest effective_date on or before it
 * (ties go to the later as_of_date, then the later record). Agencies that had not rated the entity are absent.
 */
export async function ratingAsOf(
  connection: DatabaseConnection,
  entityId: string,
  date: string,
  agencies: readonly RatingAgency[] = RATING_AGENCIES,
): Promise<Map<RatingAgency, RatingInForce>> {
  const asOf = parseInput(isoDateInput, date, 'rating date');
  const rows = await connection.any(sql.type(ratingHistoryRowSchema)`
    SELECT DISTINCT ON (agency) *
    FROM rating_history
    WHERE entity_id = ${entityId} AND effective_date <= ${asOf}::date AND agency = ANY(${sql.array([...agencies], 'text')})
    ORDER BY agency, effective_date DESC, as_of_date DESC, created_at DESC, rating_id DESC
  `);
  const inForce = new Map<RatingAgency, RatingInForce>();
  for (const row of rows) {
    // Rows written around the SDK may hold notations off the scale; they cannot take part in notching.
    const parsed = parseRating(row.agency, row.rating);
    if (parsed !== undefined) inForce.set(row.agency, { row, parsed });
  }
  return inForce;
}
