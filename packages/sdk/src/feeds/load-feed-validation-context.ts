import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { parseRating, type ParsedRating } from '../ratings/parse-rating.js';
import type { FeedType } from '../schemas/enums.js';
import { ratingHistoryRowSchema } from '../schemas/rating-history.js';
import { creditSpreadPayloadSchema } from './validate-credit-spread.js';
import type { FeedValidationContext } from './validate-feed-payload.js';
import { ratingPayloadSchema } from './validate-rating-feed.js';
import { yieldCurvePayloadSchema } from './validate-yield-curve.js';

const payloadRowSchema = z.object({ payload_json: z.unknown() });

/** Reads what the day-over-day and rating checks need: the latest accepted feed before this date, ratings in force. */
export async function loadFeedValidationContext(
  connection: DatabaseConnection,
  feedType: FeedType,
  asOfDate: string,
  payload: unknown,
): Promise<FeedValidationContext> {
  switch (feedType) {
    case 'YIELD_CURVE': {
      const curve = yieldCurvePayloadSchema.safeParse(payload);
      if (!curve.success) return {};
      const previous = await previousAcceptedPayload(connection, feedType, asOfDate, sql.fragment`AND payload_json->>'curve' = ${curve.data.curve}`);
      const parsed = yieldCurvePayloadSchema.safeParse(previous);
      return parsed.success ? { previousYieldCurve: parsed.data } : {};
    }
    case 'CREDIT_SPREAD': {
      const parsed = creditSpreadPayloadSchema.safeParse(await previousAcceptedPayload(connection, feedType, asOfDate));
      return parsed.success ? { previousCreditSpreads: parsed.data } : {};
    }
    case 'RATING':
      return { ratings: await ratingContext(connection, asOfDate, payload) };
    case 'FX_SPOT':
      return {};
  }
}

async function previousAcceptedPayload(
  connection: DatabaseConnection,
  feedType: FeedType,
  asOfDate: string,
  extraCondition = sql.fragment``,
): Promise<unknown> {
  const row = await connection.maybeOne(sql.type(payloadRowSchema)`
    SELECT payload_json FROM market_data_feed
    WHERE feed_type = ${feedType} AND as_of_date < ${asOfDate}::date AND validation_status IN ('PASS', 'WARN')
      ${extraCondition}
    ORDER BY as_of_date DESC, created_at DESC
    LIMIT 1
  `);
  return row?.payload_json;
}

async function ratingContext(connection: DatabaseConnection, asOfDate: string, payload: unknown) {
  const ratings = ratingPayloadSchema.safeParse(payload);
  const entityIds = ratings.success ? [...new Set(ratings.data.ratings.map((r) => r.entity_id))] : [];
  const known = await connection.anyFirst(sql.type(z.object({ entity_id: z.string() }))`
    SELECT entity_id FROM reference_data WHERE entity_id = ANY(${sql.array(entityIds, 'text')})
  `);
  const inForce = await connection.any(sql.type(ratingHistoryRowSchema)`
    SELECT DISTINCT ON (entity_id, agency) *
    FROM rating_history
    WHERE entity_id = ANY(${sql.array(entityIds, 'text')}) AND effective_date <= ${asOfDate}::date
    ORDER BY entity_id, agency, effective_date DESC, as_of_date DESC, created_at DESC, rating_id DESC
  `);
  const previousRatings = new Map<string, ParsedRating>();
  for (const row of inForce) {
    const parsed = parseRating(row.agency, row.rating);
    if (parsed !== undefined) previousRatings.set(`${row.entity_id}|${row.agency}`, parsed);
  }
  return { knownEntityIds: new Set(known), previousRatings };
}
