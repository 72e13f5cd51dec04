import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { RATING_AGENCIES, type RatingAgency } from '../schemas/enums.js';
import { ratingHistoryRowSchema, type RatingHistoryRow } from '../schemas/rating-history.js';
import { columnList } from '../sql/column-list.js';
import { parseRating, type ParsedRating } from './parse-rating.js';

export interface RatingInForce {
  readonly row: RatingHistoryRow;
  readonly parsed: ParsedRating;
}

/**
 * Each entity's rating by each agency in force on `date`: the latest effective_date on or before it; ties go to the
 * later as_of_date, then the later record (created_at); rows still tied — written together — go to the lower rating
 * (the conservative reading), then the outlook in alphabetical order, then the smaller rating_id, so the answer never
 * depends on row order. Rows whose notation is off the agency's scale (written around the SDK) take no part.
 */
export async function ratingsInForce(
  connection: DatabaseConnection,
  entityIds: readonly string[],
  date: string,
  agencies: readonly RatingAgency[] = RATING_AGENCIES,
): Promise<RatingInForce[]> {
  const latest = await connection.any(sql.type(ratingHistoryRowSchema)`
    SELECT ${columnList(ratingHistoryRowSchema)} FROM (
      SELECT *, rank() OVER (PARTITION BY entity_id, agency ORDER BY effective_date DESC, as_of_date DESC, created_at DESC) AS tie_rank
      FROM rating_history
      WHERE entity_id = ANY(${sql.array([...entityIds], 'text')}) AND effective_date <= ${date}::date
        AND agency = ANY(${sql.array([...agencies], 'text')})
    ) AS ranked
    WHERE tie_rank = 1
    ORDER BY entity_id, agency, outlook NULLS LAST, rating_id
  `);
  const chosen = new Map<string, RatingInForce>();
  for (const row of latest) {
    const parsed = parseRating(row.agency, row.rating);
    if (parsed === undefined) continue;
    const key = `${row.entity_id}|${row.agency}`;
    const current = chosen.get(key);
    if (current === undefined || parsed.notch > current.parsed.notch) chosen.set(key, { row, parsed });
  }
  return [...chosen.values()];
}
