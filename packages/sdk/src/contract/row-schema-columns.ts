import type { ColumnFamily } from '../types/column-types.js';

/** One column of a row schema as the contract check compares it. */
export interface ContractColumn {
  readonly name: string;
  readonly nullable: boolean;
  /** null when the field was not built with a column helper (a bug in the SDK the contract check reports). */
  readonly family: ColumnFamily | null;
}

/** A table and the columns its row schema reads. */
export interface ContractTableColumns {
  readonly table: string;
  readonly columns: readonly ContractColumn[];
}

/**
 * What `describeRowSchema` makes of every row schema of `tableContracts`, written out so that `iprs verify` can run the
 * contract check without evaluating zod and the row schemas (a tenth of its start-up). test/contract.test.ts fails,
 * printing the new list, when a row schema changes and this list was not updated.
 */
export const rowSchemaColumns: readonly ContractTableColumns[] = [
  {
    table: 'instrument',
    columns: [
      { name: 'instrument_id', nullable: false, family: 'text' },
      { name: 'instrument_type', nullable: false, family: 'text' },
      { name: 'name', nullable: false, family: 'text' },
      { name: 'currency', nullable: false, family: 'text' },
      { name: 'isin', nullable: true, family: 'text' },
      { name: 'cusip', nullable: true, family: 'text' },
      { name: 'issuer_entity_id', nullable: true, family: 'text' },
      { name: 'maturity_date', nullable: true, family: 'date' },
      { name: 'terms_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'run',
    columns: [
      { name: 'run_id', nullable: false, family: 'text' },
      { name: 'run_type', nullable: false, family: 'text' },
      { name: 'as_of_date', nullable: false, family: 'date' },
      { name: 'status', nullable: false, family: 'text' },
      { name: 'market_snapshot_id', nullable: true, family: 'text' },
      { name: 'config_json', nullable: false, family: 'jsonb' },
      { name: 'started_at', nullable: true, family: 'timestamptz' },
      { name: 'completed_at', nullable: true, family: 'timestamptz' },
      { name: 'created_by', nullable: true, family: 'text' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'valuation_result',
    columns: [
      { name: 'valuation_result_id', nullable: false, family: 'text' },
      { name: 'run_id', nullable: false, family: 'text' },
      { name: 'instrument_id', nullable: false, family: 'text' },
      { name: 'measure', nullable: false, family: 'text' },
      { name: 'scenario_id', nullable: false, family: 'text' },
      { name: 'value', nullable: false, family: 'numeric' },
      { name: 'currency', nullable: true, family: 'text' },
      { name: 'metadata_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'portfolio_node',
    columns: [
      { name: 'portfolio_node_id', nullable: false, family: 'text' },
      { name: 'parent_id', nullable: true, family: 'text' },
      { name: 'name', nullable: false, family: 'text' },
      { name: 'node_type', nullable: false, family: 'text' },
      { name: 'tags_json', nullable: false, family: 'jsonb' },
      { name: 'metadata_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'position',
    columns: [
      { name: 'position_id', nullable: false, family: 'text' },
      { name: 'portfolio_node_id', nullable: false, family: 'text' },
      { name: 'instrument_id', nullable: false, family: 'text' },
      { name: 'quantity', nullable: false, family: 'numeric' },
      { name: 'base_ccy', nullable: false, family: 'text' },
      { name: 'cost_basis', nullable: true, family: 'numeric' },
      { name: 'book_value', nullable: true, family: 'numeric' },
      { name: 'tags_json', nullable: false, family: 'jsonb' },
      { name: 'status', nullable: false, family: 'text' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'portfolio_snapshot',
    columns: [
      { name: 'snapshot_id', nullable: false, family: 'text' },
      { name: 'portfolio_node_id', nullable: false, family: 'text' },
      { name: 'as_of_date', nullable: false, family: 'date' },
      { name: 'payload_json', nullable: false, family: 'jsonb' },
      { name: 'payload_hash', nullable: false, family: 'text' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'reference_data',
    columns: [
      { name: 'entity_id', nullable: false, family: 'text' },
      { name: 'entity_type', nullable: false, family: 'text' },
      { name: 'name', nullable: false, family: 'text' },
      { name: 'ticker', nullable: true, family: 'text' },
      { name: 'cusip', nullable: true, family: 'text' },
      { name: 'isin', nullable: true, family: 'text' },
      { name: 'sector', nullable: true, family: 'text' },
      { name: 'geography', nullable: true, family: 'text' },
      { name: 'currency', nullable: true, family: 'text' },
      { name: 'parent_entity_id', nullable: true, family: 'text' },
      { name: 'metadata_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'rating_history',
    columns: [
      { name: 'rating_id', nullable: false, family: 'text' },
      { name: 'entity_id', nullable: false, family: 'text' },
      { name: 'agency', nullable: false, family: 'text' },
      { name: 'rating', nullable: false, family: 'text' },
      { name: 'outlook', nullable: true, family: 'text' },
      { name: 'as_of_date', nullable: false, family: 'date' },
      { name: 'effective_date', nullable: false, family: 'date' },
      { name: 'metadata_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'fx_spot',
    columns: [
      { name: 'pair', nullable: false, family: 'text' },
      { name: 'snapshot_id', nullable: false, family: 'text' },
      { name: 'spot_rate', nullable: false, family: 'numeric' },
      { name: 'as_of_date', nullable: false, family: 'date' },
      { name: 'source', nullable: false, family: 'text' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'market_data_feed',
    columns: [
      { name: 'feed_id', nullable: false, family: 'text' },
      { name: 'feed_type', nullable: false, family: 'text' },
      { name: 'as_of_date', nullable: false, family: 'date' },
      { name: 'source', nullable: false, family: 'text' },
      { name: 'payload_json', nullable: false, family: 'jsonb' },
      { name: 'payload_hash', nullable: false, family: 'text' },
      { name: 'validation_status', nullable: false, family: 'text' },
      { name: 'validation_findings_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'data_lineage',
    columns: [
      { name: 'lineage_id', nullable: false, family: 'text' },
      { name: 'feed_type', nullable: false, family: 'text' },
      { name: 'feed_id', nullable: false, family: 'text' },
      { name: 'source_system', nullable: false, family: 'text' },
      { name: 'source_identifier', nullable: true, family: 'text' },
      { name: 'ingested_at', nullable: false, family: 'timestamptz' },
      { name: 'transformation_chain', nullable: false, family: '_text' },
      { name: 'quality_checks_passed', nullable: false, family: 'bool' },
      { name: 'metadata_json', nullable: false, family: 'jsonb' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
    ],
  },
  {
    table: 'ingestion_batch',
    columns: [
      { name: 'batch_id', nullable: false, family: 'text' },
      { name: 'batch_type', nullable: false, family: 'text' },
      { name: 'source_file', nullable: true, family: 'text' },
      { name: 'source_file_hash', nullable: true, family: 'text' },
      { name: 'record_count', nullable: false, family: 'int8' },
      { name: 'validation_errors_json', nullable: false, family: 'jsonb' },
      { name: 'status', nullable: false, family: 'text' },
      { name: 'started_at', nullable: false, family: 'timestamptz' },
      { name: 'completed_at', nullable: true, family: 'timestamptz' },
      { name: 'created_by', nullable: true, family: 'text' },
      { name: 'created_at', nullable: false, family: 'timestamptz' },
      { name: 'updated_at', nullable: false, family: 'timestamptz' },
    ],
  },
];
