import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import type { ParsedRating } from '../ratings/parse-rating.js';
import type { FeedType } from '../schemas/enums.js';
import { fxSnapshotsInForce } from '../fx/fx-snapshot-as-of.js';
import { lockFxSnapshot } from '../fx/lock-fx-snapshot.js';
import { fxSpotRowSchema } from '../schemas/fx-spot.js';
import { ratingsInForce } from '../ratings/ratings-in-force.js';
import { creditSpreadKey, creditSpreadPayloadSchema, type CreditSpreadPayload } from './validate-credit-spread.js';
import type { FeedValidationContext } from './validate-feed-payload.js';
import type { FxSpotFeedContext } from './validate-fx-spot-feed.js';
import { fxSpotPayloadSchema } from './validate-fx-spot-feed.js';
import { ratingPayloadSchema } from './validate-rating-feed.js';
import { yieldCurvePayloadSchema } from './validate-yield-curve.js';

const payloadRowSchema = z.object({ payload_json: z.unknown() });

/**
 * Reads what the day-over-day, immutability and rating checks need: the previous accepted curve of the same name, each
 * entity/tenor's previous accepted spread, the FX snapshot already stored under the feed's snapshot id and the previous
 * accepted one, the ratings in force.
 */
export async function loadFeedValidationContext(
  connection: DatabaseConnection,
  feedType: FeedType,
  asOfDate: string,
  payload: unknown,
  feedId: string,
): Promise<FeedValidationContext> {
  switch (feedType) {
    case 'YIELD_CURVE': {
      const curve = yieldCurvePayloadSchema.safeParse(payload);
      if (!curve.success) return {};
      const parsed = yieldCurvePayloadSchema.safeParse(
        await previousAcceptedCurve(connection, asOfDate, curve.data.curve),
      );
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
      return { fx: await fxContext(connection, asOfDate, payload, feedId) };
  }
}

/** The latest accepted (PASS or WARN) curve of this name before this date (ties: the later written, then the greater feed id). */
async function previousAcceptedCurve(
  connection: DatabaseConnection,
  asOfDate: string,
  curve: string,
): Promise<unknown> {
  const row = await connection.maybeOne(sql.type(payloadRowSchema)`
    SELECT payload_json FROM market_data_feed
    WHERE feed_type = 'YIELD_CURVE' AND as_of_date < ${asOfDate}::date AND validation_status IN ('PASS', 'WARN')
      AND payload_json->>'curve' = ${curve}
    ORDER BY as_of_date DESC, created_at DESC, feed_id DESC
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
        feed.as_of_date, feed.created_at, feed.feed_id
      FROM market_data_feed AS feed
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE jsonb_typeof(feed.payload_json->'spreads') WHEN 'array' THEN feed.payload_json->'spreads' END
      ) AS spread
      WHERE feed.feed_type = 'CREDIT_SPREAD' AND feed.as_of_date < ${asOfDate}::date
        AND feed.validation_status IN ('PASS', 'WARN')
        AND spread->>'entity_id' = ANY(${sql.array(entityIds, 'text')})
      ORDER BY spread->>'entity_id', spread->>'tenor', feed.as_of_date DESC, feed.created_at DESC, feed.feed_id DESC
    ) AS latest
    ORDER BY as_of_date DESC, created_at DESC, feed_id DESC, entity_id, tenor
  `);
  const latest = new Map<string, CreditSpreadPayload['spreads'][number]>();
  for (const spread of newestFirst) {
    const key = creditSpreadKey(spread);
    if (!latest.has(key)) latest.set(key, spread);
  }
  return [...latest.values()];
}

const storedSpotSchema = fxSpotRowSchema.pick({ pair: true, spot_rate: true, as_of_date: true });

/**
 * The snapshot stored under the id the feed would write (its payload's snapshot_id, else the feed id) and the one in
 * force the day before the feed's as-of date, leaving out that same id. fx_spot only ever holds accepted quotes. Runs
 * in the ingestion's transaction.
 */
async function fxContext(
  connection: DatabaseConnection,
  asOfDate: string,
  payload: unknown,
  feedId: string,
): Promise<FxSpotFeedContext> {
  const snapshotId = fxSpotPayloadSchema.safeParse(payload).data?.snapshot_id ?? feedId;
  // Held until the ingestion commits: a concurrent feed for the same id waits, then sees this one's spots and fails.
  await lockFxSnapshot(connection, snapshotId);
  const existing = await connection.any(sql.type(storedSpotSchema)`
    SELECT pair, spot_rate, as_of_date FROM fx_spot WHERE snapshot_id = ${snapshotId} ORDER BY pair
  `);
  const previous = await connection.maybeOne(sql.type(z.object({ snapshot_id: z.string(), as_of_date: z.string() }))`
    SELECT snapshot_id, as_of_date::text AS as_of_date
    FROM (${fxSnapshotsInForce(asOfDate, { before: true, except: snapshotId })} LIMIT 1) AS previous
  `);
  const previousSpots =
    previous === null
      ? []
      : await connection.any(sql.type(storedSpotSchema)`
          SELECT pair, spot_rate, as_of_date FROM fx_spot WHERE snapshot_id = ${previous.snapshot_id} ORDER BY pair
        `);
  return {
    ...(existing.length === 0 ? {} : { existingSnapshot: { snapshotId, spots: existing } }),
    ...(previous === null
      ? {}
      : {
          previousSnapshot: { snapshotId: previous.snapshot_id, asOfDate: previous.as_of_date, spots: previousSpots },
        }),
  };
}

async function ratingContext(connection: DatabaseConnection, asOfDate: string, payload: unknown) {
  const ratings = ratingPayloadSchema.safeParse(payload);
  const entityIds = ratings.success ? [...new Set(ratings.data.ratings.map((r) => r.entity_id))] : [];
  const known = await connection.anyFirst(sql.type(z.object({ entity_id: z.string() }))`
    SELECT entity_id FROM reference_data WHERE entity_id = ANY(${sql.array(entityIds, 'text')})
  `);
  const previousRatings = new Map<string, ParsedRating>();
  for (const rating of await ratingsInForce(connection, entityIds, asOfDate)) {
    previousRatings.set(`${rating.row.entity_id}|${rating.row.agency}`, rating.parsed);
  }
  return { knownEntityIds: new Set(known), previousRatings };
}
