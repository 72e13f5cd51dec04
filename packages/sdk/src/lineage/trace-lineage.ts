import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { dataLineageRowSchema, type DataLineageRow } from '../schemas/data-lineage.js';
import { ingestionBatchRowSchema, type IngestionBatchRow } from '../schemas/ingestion-batch.js';
import { marketDataFeedRowSchema, type MarketDataFeedRow } from '../schemas/market-data-feed.js';
import { lineageMetadataSchema } from './lineage-metadata.js';

export interface LineageTrace {
  readonly feedId: string;
  /** The market-data feed the id names, when it is one. */
  readonly feed: MarketDataFeedRow | null;
  /** The ingestion batch the id names, when it is one. */
  readonly batch: IngestionBatchRow | null;
  /** Every lineage record of the id, oldest first. */
  readonly records: readonly DataLineageRow[];
  /** The batch the feed arrived in, when it came in a file (traced from the lineage records). */
  readonly parentBatch: IngestionBatchRow | null;
}

/** Where a feed or batch came from and what was done to it; NotFoundError when no lineage names the id. */
export async function traceLineage(connection: DatabaseConnection, feedId: string): Promise<LineageTrace> {
  const records = await connection.any(sql.type(dataLineageRowSchema)`
    SELECT * FROM data_lineage WHERE feed_id = ${feedId} ORDER BY ingested_at, created_at, lineage_id
  `);
  if (records.length === 0) throw new NotFoundError('lineage of feed or batch', feedId);
  const feed = await connection.maybeOne(
    sql.type(marketDataFeedRowSchema)`SELECT * FROM market_data_feed WHERE feed_id = ${feedId}`,
  );
  const batch = await connection.maybeOne(
    sql.type(ingestionBatchRowSchema)`SELECT * FROM ingestion_batch WHERE batch_id = ${feedId}`,
  );
  const parentBatchId = records
    .map((record) => lineageMetadataSchema.safeParse(record.metadata_json).data?.parent_batch_id)
    .find((id) => id !== undefined);
  const parentBatch =
    parentBatchId === undefined
      ? null
      : await connection.maybeOne(
          sql.type(ingestionBatchRowSchema)`SELECT * FROM ingestion_batch WHERE batch_id = ${parentBatchId}`,
        );
  return { feedId, feed, batch, records, parentBatch };
}
