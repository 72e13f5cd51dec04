/**
 * What each named CHECK constraint of releases 001–003 demands, in words a caller can act on. The names are part of the
 * schema contract (see the header of sql/001_mvp_core.sql); unknown names fall back to PostgreSQL's own message.
 */
export const constraintHints: Readonly<Record<string, string>> = {
  instrument_instrument_type_check: 'instrument_type must be one of LOAN, BOND, CDS, EQUITY, FX_FORWARD, CASH',
  instrument_currency_check: 'currency must be three upper-case letters (ISO 4217), e.g. USD',
  run_run_type_check: 'run_type must be one of VALUATION, RISK, STRESS',
  run_status_check: 'status must be one of PENDING, RUNNING, COMPLETED, FAILED',
  run_completed_after_started_check: 'completed_at must not be earlier than started_at',
  valuation_result_measure_check:
    'measure must be one of PV, CLEAN_PRICE, DIRTY_PRICE, ACCRUED, DV01, CS01, YIELD, SPREAD',
  valuation_result_currency_check: 'currency must be NULL or three upper-case letters',
  portfolio_node_node_type_check: 'node_type must be one of FUND, DESK, BOOK, STRATEGY',
  portfolio_node_parent_not_self_check: 'a portfolio node cannot be its own parent',
  position_status_check: 'status must be one of ACTIVE, CLOSED, DELETED',
  position_base_ccy_check: 'base_ccy must be three upper-case letters (ISO 4217), e.g. EUR',
  portfolio_snapshot_payload_hash_check: 'payload_hash must be 64 lower-case hex digits (SHA-256)',
  reference_data_entity_type_check: 'entity_type must be one of ISSUER, SECTOR, GEOGRAPHY, CURRENCY',
  reference_data_isin_check: 'isin must be 2 letters, 9 letters or digits and a check digit',
  reference_data_cusip_check: 'cusip must be 8 letters, digits or *@# and a check digit',
  reference_data_currency_check: 'currency must be NULL or three upper-case letters',
  reference_data_parent_not_self_check: 'an entity cannot be its own parent',
  rating_history_agency_check: 'agency must be one of SP, MOODYS, FITCH, DBRS',
  rating_history_outlook_check: 'outlook must be NULL or one of POSITIVE, STABLE, NEGATIVE, DEVELOPING',
  fx_spot_pair_check: "pair must look like 'EUR/USD': two different three-letter upper-case codes",
  fx_spot_spot_rate_check: 'spot_rate must be greater than zero',
  market_data_feed_feed_type_check: 'feed_type must be one of YIELD_CURVE, CREDIT_SPREAD, FX_SPOT, RATING',
  market_data_feed_validation_status_check: 'validation_status must be one of PENDING, PASS, WARN, FAIL',
  market_data_feed_payload_hash_check: 'payload_hash must be 64 lower-case hex digits (SHA-256)',
  data_lineage_feed_type_check:
    'feed_type must be one of YIELD_CURVE, CREDIT_SPREAD, FX_SPOT, RATING, LOAN_SERVICING, MARKET_DATA, POSITION_UPLOAD',
  ingestion_batch_batch_type_check: 'batch_type must be one of LOAN_SERVICING, MARKET_DATA, POSITION_UPLOAD',
  ingestion_batch_status_check: 'status must be one of STARTED, VALIDATING, COMPLETED, FAILED',
  ingestion_batch_record_count_check: 'record_count must not be negative',
  ingestion_batch_source_file_hash_check: 'source_file_hash must be NULL or 64 lower-case hex digits (SHA-256)',
  ingestion_batch_completed_at_check: 'completed_at must be set exactly when status is COMPLETED or FAILED',
};
