import { sql } from 'slonik';
import type { DatabaseTransactionConnection } from 'slonik';
import { fxSnapshotInputSchema } from '../schemas/fx-spot.js';
import { parseInput } from '../types/parse-input.js';
import type { FxSpotPayload } from './validate-fx-spot-feed.js';

/** Writes an accepted FX feed's quotes as one FX snapshot (the payload's snapshot_id, else the feed id). */
export async function populateFxSpots(
  transaction: DatabaseTransactionConnection,
  feed: { readonly feed_id: string; readonly as_of_date: string; readonly source: string },
  payload: FxSpotPayload,
): Promise<string> {
  const snapshot = parseInput(
    fxSnapshotInputSchema,
    {
      snapshot_id: payload.snapshot_id ?? feed.feed_id,
      as_of_date: feed.as_of_date,
      source: feed.source,
      spots: payload.quotes.map((quote) => ({ pair: quote.pair, spot_rate: quote.rate })),
    },
    `FX snapshot of feed ${feed.feed_id}`,
  );
  await transaction.query(sql.unsafe`
    INSERT INTO fx_spot (pair, snapshot_id, spot_rate, as_of_date, source)
    SELECT pair, ${snapshot.snapshot_id}, spot_rate::numeric, ${snapshot.as_of_date}::date, ${snapshot.source}
    FROM ${sql.unnest(
      snapshot.spots.map((spot) => [spot.pair, spot.spot_rate]),
      ['text', 'text'],
    )} AS quotes(pair, spot_rate)
  `);
  return snapshot.snapshot_id;
}
