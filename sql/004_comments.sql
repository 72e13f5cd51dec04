-- iprs schema release 004 — comments on every table and on every column whose meaning its name does not make plain,
-- so `\d+` in psql, database tools and `iprs docs` say what things mean.
--
-- Same rules as releases 001–003: COMMENT ON replaces whatever comment was there, so `psql -f` twice succeeds and
-- changes nothing. No table, column, constraint or index changes.

BEGIN;

-- ---------------------------------------------------------------------------------------------------------------------
-- Release 001

COMMENT ON TABLE instrument IS
  'A financial instrument positions and valuation results refer to: a loan, bond, CDS, equity, FX forward or cash.';
COMMENT ON COLUMN instrument.instrument_id IS 'A UUID or a semantic id such as LN-2026-0001; never reused.';
COMMENT ON COLUMN instrument.instrument_type IS 'LOAN, BOND, CDS, EQUITY, FX_FORWARD or CASH.';
COMMENT ON COLUMN instrument.currency IS 'ISO 4217 code of the currency the instrument is denominated in.';
COMMENT ON COLUMN instrument.isin IS 'ISO 6166 International Securities Identification Number, when the instrument has one.';
COMMENT ON COLUMN instrument.cusip IS 'CUSIP of North American securities, when the instrument has one.';
COMMENT ON COLUMN instrument.issuer_entity_id IS
  'reference_data.entity_id of the issuer or borrower; plain text without a foreign key (reference data arrived in 002).';
COMMENT ON COLUMN instrument.maturity_date IS 'Final maturity; NULL for instruments without one (equity, cash).';
COMMENT ON COLUMN instrument.terms_json IS 'Contract terms (coupon, schedule, reference rate, …), shaped by instrument_type.';

COMMENT ON TABLE run IS
  'One valuation, risk or stress run over a market date; its results are in valuation_result.';
COMMENT ON COLUMN run.run_type IS 'VALUATION, RISK or STRESS.';
COMMENT ON COLUMN run.as_of_date IS 'The market date the run values positions at.';
COMMENT ON COLUMN run.status IS 'PENDING, then RUNNING, then COMPLETED or FAILED.';
COMMENT ON COLUMN run.market_snapshot_id IS
  'The market data the run used (e.g. an fx_spot snapshot_id); no foreign key, snapshots span several tables.';
COMMENT ON COLUMN run.config_json IS 'The run''s parameters (models, scenarios, filters), as given by whoever started it.';
COMMENT ON COLUMN run.created_by IS 'The user or service that requested the run.';

COMMENT ON TABLE valuation_result IS
  'One measure of one instrument in one run and scenario; deleted with its run (ON DELETE CASCADE).';
COMMENT ON COLUMN valuation_result.measure IS
  'PV, CLEAN_PRICE, DIRTY_PRICE, ACCRUED, DV01, CS01, YIELD or SPREAD.';
COMMENT ON COLUMN valuation_result.scenario_id IS 'BASE for the base case, otherwise the id of the stress scenario.';
COMMENT ON COLUMN valuation_result.value IS 'The measure''s value, in currency, or unitless when currency is NULL.';
COMMENT ON COLUMN valuation_result.currency IS 'ISO 4217 code of value; NULL for unitless measures (YIELD, SPREAD).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Release 002: portfolio domain

COMMENT ON TABLE portfolio_node IS
  'The portfolio hierarchy: funds, desks, books and strategies. A node with children, positions or snapshots cannot be deleted.';
COMMENT ON COLUMN portfolio_node.portfolio_node_id IS 'A UUID or a semantic id such as FUND-GLOBAL-CREDIT.';
COMMENT ON COLUMN portfolio_node.parent_id IS 'The node above this one; NULL for the root of a hierarchy (usually a FUND).';
COMMENT ON COLUMN portfolio_node.node_type IS 'FUND, DESK, BOOK or STRATEGY.';
COMMENT ON COLUMN portfolio_node.tags_json IS 'Key/value tags such as {"region": "EMEA"}.';

COMMENT ON TABLE position IS
  'A holding of one instrument in one portfolio node. Rollups total the ACTIVE positions of a subtree.';
COMMENT ON COLUMN position.quantity IS 'Units or notional held, as an exact decimal.';
COMMENT ON COLUMN position.base_ccy IS 'ISO 4217 code of the currency cost_basis and book_value are in.';
COMMENT ON COLUMN position.cost_basis IS 'What the position cost, in base_ccy.';
COMMENT ON COLUMN position.book_value IS
  'Carrying value in base_ccy: the amount rollups sum and convert; NULL when unknown (counted, adds nothing).';
COMMENT ON COLUMN position.status IS
  'ACTIVE (counted by rollups), CLOSED (history) or DELETED (soft-deleted); positions are never cascaded away.';

COMMENT ON TABLE portfolio_snapshot IS
  'A frozen copy of what a node''s subtree held on a date; the same content for the same node is stored once.';
COMMENT ON COLUMN portfolio_snapshot.as_of_date IS 'The date the snapshot describes.';
COMMENT ON COLUMN portfolio_snapshot.payload_json IS 'The subtree''s positions as RFC 8785 canonical JSON.';
COMMENT ON COLUMN portfolio_snapshot.payload_hash IS
  'SHA-256 (hex) of the canonical payload text; unique per node, so re-taking an unchanged snapshot stores nothing.';

-- ---------------------------------------------------------------------------------------------------------------------
-- Release 002: reference data

COMMENT ON TABLE reference_data IS 'Issuers, sectors, geographies and currencies that instruments and ratings refer to.';
COMMENT ON COLUMN reference_data.entity_id IS 'A UUID or a semantic id such as ISSUER-ACME.';
COMMENT ON COLUMN reference_data.entity_type IS 'ISSUER, SECTOR, GEOGRAPHY or CURRENCY.';
COMMENT ON COLUMN reference_data.isin IS 'ISO 6166 ISIN; check digit verified by the SDK before writing.';
COMMENT ON COLUMN reference_data.cusip IS 'CUSIP; check digit verified by the SDK before writing.';
COMMENT ON COLUMN reference_data.sector IS 'The issuer''s industry sector, free text.';
COMMENT ON COLUMN reference_data.geography IS 'ISO 3166-1 alpha-2 country code of an issuer.';
COMMENT ON COLUMN reference_data.currency IS 'ISO 4217 code, for CURRENCY entities and issuers that report in one.';
COMMENT ON COLUMN reference_data.parent_entity_id IS 'The parent entity (e.g. an issuer''s parent company); NULL at the top.';

COMMENT ON TABLE rating_history IS
  'Every credit rating an agency gave an entity, oldest to newest; deleted with the entity (ON DELETE CASCADE).';
COMMENT ON COLUMN rating_history.agency IS 'SP, MOODYS, FITCH or DBRS.';
COMMENT ON COLUMN rating_history.rating IS
  'The notation on the agency''s own scale (e.g. BBB-, Baa3, BBB (low)); validated per agency by the SDK.';
COMMENT ON COLUMN rating_history.outlook IS 'POSITIVE, STABLE, NEGATIVE or DEVELOPING; NULL when the agency gave none.';
COMMENT ON COLUMN rating_history.as_of_date IS 'The date the rating was observed (published or received).';
COMMENT ON COLUMN rating_history.effective_date IS 'The date from which the rating applies.';

COMMENT ON TABLE fx_spot IS 'FX spot rates, grouped in snapshots that rollups convert currencies with.';
COMMENT ON COLUMN fx_spot.pair IS 'BASE/QUOTE, e.g. EUR/USD: two different ISO 4217 codes.';
COMMENT ON COLUMN fx_spot.snapshot_id IS 'The set of spots taken together; a rollup names the snapshot it converts with.';
COMMENT ON COLUMN fx_spot.spot_rate IS 'Units of QUOTE per one BASE; always positive.';
COMMENT ON COLUMN fx_spot.as_of_date IS 'The market date of the rate.';
COMMENT ON COLUMN fx_spot.source IS 'Where the rate came from (a vendor or system name).';

-- ---------------------------------------------------------------------------------------------------------------------
-- Release 002: data ingestion

COMMENT ON TABLE market_data_feed IS
  'Market data as received (yield curves, credit spreads, FX spots, ratings), with the outcome of its validation.';
COMMENT ON COLUMN market_data_feed.feed_type IS 'YIELD_CURVE, CREDIT_SPREAD, FX_SPOT or RATING.';
COMMENT ON COLUMN market_data_feed.as_of_date IS 'The market date the data describes.';
COMMENT ON COLUMN market_data_feed.source IS 'The vendor or system that sent the data.';
COMMENT ON COLUMN market_data_feed.payload_json IS 'The data as received, shaped by feed_type.';
COMMENT ON COLUMN market_data_feed.payload_hash IS
  'SHA-256 (hex) of the payload; the same payload for the same type and date is stored once.';
COMMENT ON COLUMN market_data_feed.validation_status IS
  'PENDING until validated, then PASS, WARN or FAIL; what validation found is in validation_findings_json.';
COMMENT ON COLUMN market_data_feed.validation_findings_json IS
  'What validation found, one object per finding; empty when it passed cleanly.';

COMMENT ON TABLE data_lineage IS
  'Append-only audit of every ingestion: where data came from and what was done to it. Outlives the rows it describes.';
COMMENT ON COLUMN data_lineage.feed_type IS
  'The feed or batch type; says whether feed_id is a market_data_feed.feed_id or an ingestion_batch.batch_id.';
COMMENT ON COLUMN data_lineage.feed_id IS
  'The id of the feed or batch this ingestion produced; no foreign key, so lineage survives their deletion.';
COMMENT ON COLUMN data_lineage.source_system IS 'The system the data came from.';
COMMENT ON COLUMN data_lineage.source_identifier IS 'The source''s own id for what was ingested (a file name, a message id).';
COMMENT ON COLUMN data_lineage.ingested_at IS 'When the data was ingested.';
COMMENT ON COLUMN data_lineage.transformation_chain IS 'The steps applied to the data, in order, first applied first.';
COMMENT ON COLUMN data_lineage.quality_checks_passed IS 'Whether every validation check passed.';

COMMENT ON TABLE ingestion_batch IS
  'One upload of a file (loan servicing, market data, positions) and its outcome, row errors included.';
COMMENT ON COLUMN ingestion_batch.batch_type IS 'LOAN_SERVICING, MARKET_DATA or POSITION_UPLOAD.';
COMMENT ON COLUMN ingestion_batch.source_file IS 'The uploaded file''s name.';
COMMENT ON COLUMN ingestion_batch.source_file_hash IS
  'SHA-256 (hex) of the uploaded bytes: re-uploading the same file is detected through it.';
COMMENT ON COLUMN ingestion_batch.record_count IS 'Rows read from the file.';
COMMENT ON COLUMN ingestion_batch.validation_errors_json IS 'One object per rejected row: its row number, column and reason.';
COMMENT ON COLUMN ingestion_batch.status IS
  'STARTED, VALIDATING, then COMPLETED or FAILED; completed_at is set exactly when the status is terminal.';
COMMENT ON COLUMN ingestion_batch.created_by IS 'The user or service that uploaded the file.';

COMMIT;
