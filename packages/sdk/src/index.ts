// The public API, listed name by name: whatever is not here is internal and may change in any release.
// test/public-api.test.ts pins this list, and the README's "Public API" section describes it.

// Connection
export { sql } from 'slonik';
export type { DatabasePool, DatabasePoolConnection, DatabaseTransactionConnection, Interceptor } from 'slonik';
export { addressOf } from './connection/address-of.js';
export type { IprsPool } from './connection/bounded-pool.js';
export { createPool } from './connection/create-pool.js';
export type { DatabaseConnection } from './connection/database-connection.js';
export { dbConn } from './connection/db-conn.js';
export { isReadOnlyStatement } from './connection/read-only-statement.js';
export type { PoolConfig, PoolSettings } from './connection/pool-config.js';
export type { PoolStats } from './connection/pool-stats.js';
export type { ReplicaStatus, RoutingStatus } from './connection/replica-status.js';
export { withTransaction } from './connection/with-transaction.js';

// Errors (also the `@iprs/sdk/errors` entry)
export * from './errors.js';

// Exact decimals
export { normalizeDecimal, toDecimal, type DecimalString } from './types/decimal.js';
export { ExactDecimal, type Decimal } from './types/exact-decimal.js';

// Table rows, inputs and enumerations
export {
  BATCH_STATUSES,
  BATCH_TYPES,
  ENTITY_TYPES,
  FEED_TYPES,
  INSTRUMENT_TYPES,
  LINEAGE_FEED_TYPES,
  NODE_TYPES,
  POSITION_STATUSES,
  RATING_AGENCIES,
  RATING_OUTLOOKS,
  RUN_STATUSES,
  RUN_TYPES,
  VALIDATION_STATUSES,
  VALUATION_MEASURES,
  type BatchStatus,
  type BatchType,
  type EntityType,
  type FeedType,
  type InstrumentType,
  type LineageFeedType,
  type NodeType,
  type PositionStatus,
  type RatingAgency,
  type RatingOutlook,
  type RunStatus,
  type RunType,
  type ValidationStatus,
  type ValuationMeasure,
} from './schemas/enums.js';
export type { DataLineageCreateInput, DataLineageRow } from './schemas/data-lineage.js';
export type { FxSnapshotInput, FxSpotQuoteInput, FxSpotRow } from './schemas/fx-spot.js';
export type {
  IngestionBatchCreateInput,
  IngestionBatchRow,
  IngestionBatchStatusUpdate,
} from './schemas/ingestion-batch.js';
export type { InstrumentCreateInput, InstrumentRow } from './schemas/instrument.js';
export type { MarketDataFeedRow } from './schemas/market-data-feed.js';
export type {
  PortfolioNodeCreateInput,
  PortfolioNodeMoveInput,
  PortfolioNodeRenameInput,
  PortfolioNodeRow,
} from './schemas/portfolio-node.js';
export type {
  PortfolioSnapshotRangeInput,
  PortfolioSnapshotRow,
  PortfolioSnapshotTakeInput,
} from './schemas/portfolio-snapshot.js';
export type { PositionInput, PositionRow } from './schemas/position.js';
export type { RatingHistoryCreateInput, RatingHistoryRow } from './schemas/rating-history.js';
export type { ReferenceDataCreateInput, ReferenceDataRow, ReferenceDataUpdateInput } from './schemas/reference-data.js';
export type { RunCreateInput, RunRow, RunStatusUpdateInput } from './schemas/run.js';
export type { ValuationResultInput, ValuationResultRow } from './schemas/valuation-result.js';

// Contract of the row schemas with the installed schema
export {
  checkRowSchemasAgainstCatalog,
  type ContractCheckOptions,
} from './contract/check-row-schemas-against-catalog.js';
export {
  checkColumnsAgainstCatalog,
  type ContractCheckResult,
  type ContractProblem,
  type ContractProblemKind,
} from './contract/check-columns-against-catalog.js';
export { rowSchemaColumns, type ContractColumn, type ContractTableColumns } from './contract/row-schema-columns.js';
export type { CatalogColumn, CatalogTable, CatalogTables } from './contract/catalog-tables.js';
export { tableContracts, type TableContract } from './schemas/table-contracts.js';

// Portfolio tree
export { createNode } from './portfolio/create-node.js';
export { deleteNode } from './portfolio/delete-node.js';
export { findNode } from './portfolio/find-node.js';
export { getAncestors, getPath } from './portfolio/get-ancestors.js';
export { getNode } from './portfolio/get-node.js';
export { getSubtree, type SubtreeNodeRow } from './portfolio/get-subtree.js';
export { listChildren } from './portfolio/list-children.js';
export { moveNode } from './portfolio/move-node.js';
export { allowedParentTypes } from './portfolio/node-type-rules.js';
export { renameNode } from './portfolio/rename-node.js';

// Instruments
export { createInstrument } from './instruments/create-instrument.js';
export { getInstrument } from './instruments/get-instrument.js';

// Positions
export { bulkLoadPositions, type BulkLoadOptions, type BulkLoadResult } from './positions/bulk-load-positions.js';
export { closePosition } from './positions/close-position.js';
export { createPosition } from './positions/create-position.js';
export { getPosition } from './positions/get-position.js';
export type { PositionListOptions } from './positions/list-options.js';
export { listPositionsByInstrument } from './positions/list-positions-by-instrument.js';
export { listPositionsByNode } from './positions/list-positions-by-node.js';
export { softDeletePosition } from './positions/soft-delete-position.js';
export { upsertPosition } from './positions/upsert-position.js';

// FX
export { fxConvert } from './fx/fx-convert.js';
export { fxRate } from './fx/fx-rate.js';
export { fxSnapshotIdAsOf } from './fx/fx-snapshot-as-of.js';
export type { FxSnapshotSelector } from './fx/fx-snapshot-selector.js';
export { FxTable, type FxRate, type FxRateMethod } from './fx/fx-table.js';
export { listFxSpots } from './fx/list-fx-spots.js';
export { loadFxTable } from './fx/load-fx-table.js';
export { storeFxSnapshot } from './fx/store-fx-snapshot.js';

// Rollups
export type { RollupRequest, TreeRollupRequest } from './rollups/rollup-request.js';
export { rollupNode } from './rollups/rollup-node.js';
export { rollupSubtree } from './rollups/rollup-subtree.js';
export { rollupTree } from './rollups/rollup-tree.js';
export type { CurrencyTotal, NodeRollup, RollupResult, RollupTotals } from './rollups/rollup-types.js';

// Snapshots
export { getSnapshot } from './snapshots/get-snapshot.js';
export { latestSnapshotAsOf } from './snapshots/latest-snapshot.js';
export { listSnapshots } from './snapshots/list-snapshots.js';
export { canonicalJson, payloadHash, type SnapshotPayload } from './snapshots/snapshot-payload.js';
export { takeSnapshot, type TakenSnapshot } from './snapshots/take-snapshot.js';

// Runs and valuation results
export { createRun } from './runs/create-run.js';
export { getRun } from './runs/get-run.js';
export { listValuationResults } from './runs/list-valuation-results.js';
export { recordValuationResults } from './runs/record-valuation-results.js';
export { runTransitions } from './runs/run-lifecycle.js';
export { transitionRun } from './runs/transition-run.js';

// Reference data and identifiers
export { createReferenceEntity } from './reference/create-reference-entity.js';
export { checkCusip, cusipCheckDigit } from './reference/cusip.js';
export { findReferenceEntities, type ReferenceEntitySearch } from './reference/find-reference-entities.js';
export { getReferenceEntity } from './reference/get-reference-entity.js';
export type { IdentifierCheck } from './reference/identifier-check.js';
export { isIsinPrefix } from './reference/isin-prefixes.js';
export { checkIsin, isinCheckDigit } from './reference/isin.js';
export { isIsoCountryCode, isIsoCurrencyCode } from './reference/iso-codes.js';
export { checkLei, leiCheckDigits } from './reference/lei.js';
export { referenceEntityAncestors } from './reference/reference-entity-ancestors.js';
export { referenceIdentifierIssues, type ReferenceIdentifiers } from './reference/reference-identifier-issues.js';
export { updateReferenceEntity } from './reference/update-reference-entity.js';

// Ratings
export { compositeRatingAsOf } from './ratings/composite-rating-as-of.js';
export { compositeRating, type CompositeRating, type CompositeRule } from './ratings/composite-rating.js';
export { notchToNotation } from './ratings/notch-to-notation.js';
export { parseRating, type ParsedRating } from './ratings/parse-rating.js';
export { isRatingAgency, isRatingOutlook } from './ratings/rating-agency.js';
export { ratingAsOf } from './ratings/rating-as-of.js';
export { lastInvestmentGradeNotch, ratingScale } from './ratings/rating-scales.js';
export type { RatingInForce } from './ratings/ratings-in-force.js';
export { recordRating } from './ratings/record-rating.js';

// Market data feeds
export type { FeedFinding, FeedValidation } from './feeds/feed-finding.js';
export {
  defaultFeedValidationConfig,
  resolveFeedValidationConfig,
  type FeedValidationConfig,
  type FeedValidationOverrides,
} from './feeds/feed-validation-config.js';
export {
  ingestFeed,
  type IngestFeedInput,
  type IngestFeedOptions,
  type IngestFeedResult,
} from './feeds/ingest-feed.js';
export { latestFxSnapshotId } from './feeds/latest-fx-snapshot.js';
export { validateCreditSpread, type CreditSpreadPayload } from './feeds/validate-credit-spread.js';
export { validateFeedPayload, type FeedValidationContext } from './feeds/validate-feed-payload.js';
export { validateFxSpotFeed, type FxSpotPayload } from './feeds/validate-fx-spot-feed.js';
export { validateRatingFeed, type RatingFeedContext, type RatingPayload } from './feeds/validate-rating-feed.js';
export { validateYieldCurve, type YieldCurvePayload } from './feeds/validate-yield-curve.js';

// Lineage
export { exportOpenLineage } from './lineage/export-openlineage.js';
export type { LineageAssertion, LineageMetadata } from './lineage/lineage-metadata.js';
export {
  toOpenLineageRunEvent,
  toOpenLineageRunEvents,
  type LineageRecordLike,
  type OpenLineageOptions,
  type OpenLineageRunEvent,
} from './lineage/openlineage-run-event.js';
export { recordLineage } from './lineage/record-lineage.js';
export { traceLineage, type LineageTrace } from './lineage/trace-lineage.js';
export { validateOpenLineageEvent, type OpenLineageSchemaIssue } from './lineage/validate-openlineage-event.js';

// Ingestion batches and files
export { batchErrorCount, batchErrorLimit } from './batches/batch-error-list.js';
export { batchTransitions } from './batches/batch-lifecycle.js';
export type { BatchRowError } from './batches/batch-row-error.js';
export type { BatchProgress, BatchProgressListener } from './batches/file-progress.js';
export { findBatchesByFileHash, getBatch } from './batches/get-batch.js';
export { IllegalBatchTransitionError } from './batches/illegal-batch-transition-error.js';
export {
  defaultMaxCsvFileBytes,
  defaultMaxJsonFileBytes,
  openIngestFile,
  type IngestFile,
} from './batches/ingest-file.js';
export { ingestLoansFile } from './batches/ingest-loans-file.js';
export { loanCsvColumns } from './batches/loan-csv-row.js';
export { ingestMarketDataFile, type MarketDataFileOptions } from './batches/ingest-market-data-file.js';
export { ingestPositionsFile } from './batches/ingest-positions-file.js';
export { positionCsvColumns } from './batches/position-csv-row.js';
export type { CsvColumns } from './batches/read-csv-rows.js';
export type { FileBatchOptions, FileBatchResult } from './batches/run-file-batch.js';
export { startBatch } from './batches/start-batch.js';
export { transitionBatch } from './batches/transition-batch.js';
