import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { recordLineage } from '../lineage/record-lineage.js';
import { qualifiedTables } from '../lineage/qualified-tables.js';
import type { DataLineageRow } from '../schemas/data-lineage.js';
import { FEED_TYPES } from '../schemas/enums.js';
import { marketDataFeedRowSchema, type MarketDataFeedRow } from '../schemas/market-data-feed.js';
import { generatedIdInput, idInput, isoDateInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { feedAssertions } from './feed-assertions.js';
import type { FeedValidation } from './feed-finding.js';
import { resolveFeedValidationConfig, type FeedValidationOverrides } from './feed-validation-config.js';
import { loadFeedValidationContext } from './load-feed-validation-context.js';
import { canonicalPayload } from './payload-hash.js';
import { populateFxSpots } from './populate-fx-spots.js';
import { populateRatings } from './populate-ratings.js';
import { validateFeedPayload } from './validate-feed-payload.js';
import { fxSpotPayloadSchema } from './validate-fx-spot-feed.js';
import { ratingPayloadSchema } from './validate-rating-feed.js';

const ingestFeedInputSchema = z.strictObject({
  feed_id: generatedIdInput,
  feed_type: z.enum(FEED_TYPES),
  as_of_date: isoDateInput,
  /** The system the data came from, e.g. `bloomberg`; lineage's source_system. */
  source: z.string().min(1, { error: 'must not be empty' }),
  /** Where in that system, e.g. a file name or request id; lineage's source_identifier. */
  source_identifier: z.string().min(1).nullish(),
  payload: z.unknown().refine((value) => value !== undefined, { error: 'is required' }),
});
export type IngestFeedInput = z.input<typeof ingestFeedInputSchema>;

export interface IngestFeedOptions {
  /** Overrides of the WARN and FAIL thresholds (see FeedValidationConfig); ValidationError when they are inconsistent. */
  readonly validation?: FeedValidationOverrides;
  /** The ingestion batch this feed arrived in; recorded in its lineage. */
  readonly parentBatchId?: string;
}

export interface IngestFeedResult {
  readonly feed: MarketDataFeedRow;
  /** True when the same payload for the same type and date was already stored: nothing new was written but lineage. */
  readonly duplicate: boolean;
  /** Validation of this submission (for a duplicate, of the payload as submitted again). */
  readonly validation: FeedValidation;
  readonly lineage: DataLineageRow;
  /** The FX snapshot populated by an accepted FX_SPOT feed. */
  readonly fxSnapshotId?: string;
  /** Rating rows written by an accepted RATING feed. */
  readonly ratingsWritten?: number;
}

/**
 * Ingests one market-data feed in one transaction: validates the payload by type, stores it with its
 * validation_status and findings, populates fx_spot (FX_SPOT) or rating_history (RATING) when it passed or only warned,
 * and appends a data_lineage record. A payload already stored for the same type and date (same SHA-256 of its
 * canonical JSON) is not stored again: the existing feed is returned with `duplicate: true`, and the lineage record
 * notes the re-submission.
 */
export async function ingestFeed(
  connection: DatabaseConnection,
  input: IngestFeedInput,
  options: IngestFeedOptions = {},
): Promise<IngestFeedResult> {
  const feedInput = parseInput(ingestFeedInputSchema, input, 'feed');
  if (options.parentBatchId !== undefined) parseInput(idInput, options.parentBatchId, 'parent batch id');
  const config = resolveFeedValidationConfig(options.validation);
  const { json, hash } = canonicalPayload(feedInput.payload);

  return withTransaction(connection, async (transaction) => {
    const context = await loadFeedValidationContext(
      transaction,
      feedInput.feed_type,
      feedInput.as_of_date,
      feedInput.payload,
      feedInput.feed_id,
    );
    const validation = validateFeedPayload(
      feedInput.feed_type,
      feedInput.payload,
      feedInput.as_of_date,
      config,
      context,
    );
    const inserted = await transaction.maybeOne(sql.type(marketDataFeedRowSchema)`
      INSERT INTO market_data_feed
        (feed_id, feed_type, as_of_date, source, payload_json, payload_hash, validation_status, validation_findings_json)
      VALUES (
        ${feedInput.feed_id}, ${feedInput.feed_type}, ${feedInput.as_of_date}::date, ${feedInput.source},
        ${sql.jsonb(json as never)}, ${hash}, ${validation.status}, ${sql.jsonb([...validation.findings])}
      )
      ON CONFLICT ON CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key DO NOTHING
      RETURNING *
    `);
    const lineageBase = {
      feed_type: feedInput.feed_type,
      source_system: feedInput.source,
      source_identifier: feedInput.source_identifier ?? null,
    };
    const receiveSteps = ['receive', 'canonicalize:rfc8785', 'hash:sha256'];

    if (inserted === null) {
      const existing = await transaction.one(sql.type(marketDataFeedRowSchema)`
        SELECT * FROM market_data_feed
        WHERE feed_type = ${feedInput.feed_type} AND as_of_date = ${feedInput.as_of_date}::date AND payload_hash = ${hash}
      `);
      const lineage = await recordLineage(transaction, {
        ...lineageBase,
        feed_id: existing.feed_id,
        transformation_chain: [...receiveSteps, 'deduplicate:existing-feed'],
        quality_checks_passed: existing.validation_status !== 'FAIL',
        metadata_json: { outputs: [], assertions: [], duplicate: true, payload_hash: hash, ...parentOf(options) },
      });
      return { feed: existing, duplicate: true, validation, lineage };
    }

    const outputs = ['market_data_feed'];
    const steps = [...receiveSteps, `validate:${feedInput.feed_type}`, 'store:market_data_feed'];
    let fxSnapshotId: string | undefined;
    let ratingsWritten: number | undefined;
    if (validation.status !== 'FAIL' && feedInput.feed_type === 'FX_SPOT') {
      fxSnapshotId = await populateFxSpots(transaction, inserted, fxSpotPayloadSchema.parse(feedInput.payload));
      outputs.push('fx_spot');
      steps.push('populate:fx_spot');
    }
    if (validation.status !== 'FAIL' && feedInput.feed_type === 'RATING') {
      ratingsWritten = await populateRatings(transaction, inserted, ratingPayloadSchema.parse(feedInput.payload));
      outputs.push('rating_history');
      steps.push('populate:rating_history');
    }
    const lineage = await recordLineage(transaction, {
      ...lineageBase,
      feed_id: inserted.feed_id,
      transformation_chain: steps,
      quality_checks_passed: validation.status !== 'FAIL',
      metadata_json: {
        outputs: await qualifiedTables(transaction, outputs),
        assertions: feedAssertions(validation),
        validation_status: validation.status,
        payload_hash: hash,
        ...parentOf(options),
      },
    });
    return {
      feed: inserted,
      duplicate: false,
      validation,
      lineage,
      ...(fxSnapshotId === undefined ? {} : { fxSnapshotId }),
      ...(ratingsWritten === undefined ? {} : { ratingsWritten }),
    };
  });
}

function parentOf(options: IngestFeedOptions): { parent_batch_id?: string } {
  return options.parentBatchId === undefined ? {} : { parent_batch_id: options.parentBatchId };
}
