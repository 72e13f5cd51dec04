import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import type { DatabaseTransactionConnection } from 'slonik';
import { parseRating } from '../ratings/parse-rating.js';
import type { RatingPayload } from './validate-rating-feed.js';

/** Writes an accepted rating feed into rating_history, in each agency's canonical notation; returns the rows written. */
export async function populateRatings(
  transaction: DatabaseTransactionConnection,
  feed: { readonly feed_id: string; readonly as_of_date: string },
  payload: RatingPayload,
): Promise<number> {
  const rows = payload.ratings.map((entry) => [
    randomUUID(),
    entry.entity_id,
    entry.agency,
    parseRating(entry.agency, entry.rating)?.notation ?? entry.rating,
    entry.outlook ?? null,
    entry.effective_date ?? feed.as_of_date,
  ]);
  await transaction.query(sql.unsafe`
    INSERT INTO rating_history (rating_id, entity_id, agency, rating, outlook, as_of_date, effective_date, metadata_json)
    SELECT rating_id, entity_id, agency, rating, outlook, ${feed.as_of_date}::date, effective_date::date,
           ${sql.jsonb({ feed_id: feed.feed_id })}
    FROM ${sql.unnest(rows, ['text', 'text', 'text', 'text', 'text', 'text'])}
      AS ratings(rating_id, entity_id, agency, rating, outlook, effective_date)
  `);
  return rows.length;
}
