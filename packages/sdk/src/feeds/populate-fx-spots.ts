import type { DatabaseTransactionConnection } from 'slonik';
import { storeFxSnapshot } from '../fx/store-fx-snapshot.js';
import type { FxSpotPayload } from './validate-fx-spot-feed.js';

/** Writes an accepted FX feed's quotes as one FX snapshot (the payload's snapshot_id, else the feed id). */
export async function populateFxSpots(
  transaction: DatabaseTransactionConnection,
  feed: { readonly feed_id: string; readonly as_of_date: string; readonly source: string },
  payload: FxSpotPayload,
): Promise<string> {
  const snapshotId = payload.snapshot_id ?? feed.feed_id;
  await storeFxSnapshot(transaction, {
    snapshot_id: snapshotId,
    as_of_date: feed.as_of_date,
    source: feed.source,
    spots: payload.quotes.map((quote) => ({ pair: quote.pair, spot_rate: quote.rate as string | number })),
  });
  return snapshotId;
}
