import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { parseRating, type ParsedRating } from '../ratings/parse-rating.js';
import type { FeedType } from '../schemas/enums.js';
import { ratingHistoryRowSchema } from '../schemas/rating-history.js';
import { creditSpreadKey, creditSpreadPayloadSchema, type CreditSpreadPayload } from './validate-credit-spread.js';
import type { FeedValidationContext } from './validate-feed-payload.js';
import { ratingPayloadSchema } from './validate-rating-feed.js';
import { yieldCurvePayloadSchema } from './validate-yield-curve.js';

const payloadRowSchema = z.object({ payload_json: z.unknown() });

/**
 * Reads what the day-over-day and rating checks need: the previous accepted curve of the same name, each entity/tenor's
 * previous accepted spread, the ratings in force.
 */
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
      const parsed = yieldCurvePayloadSchema.safeParse(await previousAcceptedCurve(connection, asOfDate, curve.data.curve));
      return parsed.success ? { previousYieldCurve: parsed.data } : {};
    }
    case 'CREDIT_SPREAD': {
      const spreads = creditSpreadPayloadSchema.safeParse(payload);
      if (!spreads.success) return {};
      const entityIds = [...new Set(spreads.data.spreads.map((spread) => spread.entity_id))];
      return { previousCreditSpreads: { spreads: await previousSpreads(connection, asOfDate, entityIds) } };
    }
    case 'RATING':
      return { ratings: await ratingContext(connection, asOfDate, payload) };
    case 'FX_SPOT':
      return {};
  }
}

/** The latest accepted (PASS or WARN) curve of this name before this date. */
async function previousAcceptedCurve(connection: DatabaseConnection, asOfDate: string, curve: string): Promise<unknown> {
  const row = await connection.maybeOne(sql.type(payloadRowSchema)`
    SELECT payload_json FROM market_data_feed
    WHERE feed_type = 'YIELD_CURVE' AND as_of_date < ${asOfDate}::date AND validation_status IN ('PASS', 'WARN')
      AND payload_json->>'curve' = ${curve}
    ORDER BY as_of_date DESC, created_at DESC
    LIMIT 1
  `);
  return row?.payload_json;
}

const previousSpreadRowSchema = z.object({ entity_id: z.string(), tenor: z.string(), spread_bps: z.unknown() });

/**
 * Each entity/tenor's spread in the latest accepted CREDIT_SPREAD feed before this date that quotes it (feeds often
 * carry one issuer each, so the latest feed overall may say nothing about this one). Tenors are matched by length,
 * as the validator does (12M = 1Y).
 */
async function previousSpreads(
  connection: DatabaseConnection,
  asOfDate: string,
  entityIds: readonly string[],
): Promise<CreditSpreadPayload['spreads']> {
  const newestFirst = await connection.any(sql.type(previousSpreadRowSchema)`
    SELECT entity_id, tenor, spread_bps FROM (
      SELECT DISTINCT ON (spread->>'entity_id', spread->>'tenor')
        spread->>'entity_id' AS entity_id, spread->>'tenor' AS tenor, spread->'spread_bps' AS spread_bps,
        feed.as_of_date, feed.created_at
      FROM market_data_feed AS feed
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE jsonb_typeof(feed.payload_json->'spreads') WHEN 'array' THEN feed.payload_json->'spreads' END
      ) AS spread
      WHERE feed.feed_type = 'CREDIT_SPREAD' AND feed.as_of_date < ${asOfDate}::date
        AND feed.validation_status IN ('PASS', 'WARN')
        AND spread->>'entity_id' = ANY(${sql.array(entityIds, 'text')})
      ORDER BY spread->>'entity_id', spread->>'tenor', feed.as_of_date DESC, feed.created_at DESC
    ) AS latest
    ORDER BY as_of_date DESC, created_at DESC
  `);
  const latest = new Map<string, CreditSpreadPayload['spreads'][number]>();
  for (const spread of newestFirst) {
    const key = creditSpreadKey(spread);
    if (!latest.has(key)) latest.set(key, spread);
  }
  return [...latest.values()];
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
