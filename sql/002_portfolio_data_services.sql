-- iprs schema release 002 — portfolio data services: portfolio hierarchy, positions, snapshots, reference data, ratings,
-- FX spots, market-data feeds, lineage and ingestion batches. Exactly nine tables.
--
-- Same rules as release 001: every statement guarded, so `psql -f` twice succeeds and changes nothing; named constraints
-- (<table>_<column>_check, <table>_<column>_fkey, <table>_<columns>_key / _idx); every foreign key states its ON DELETE
-- action and has an index whose leading columns are its referencing columns.

BEGIN;

-- ---------------------------------------------------------------------------------------------------------------------
-- Portfolio domain

CREATE TABLE IF NOT EXISTS portfolio_node (
  portfolio_node_id text PRIMARY KEY,
  parent_id         text,
  name              text NOT NULL,
  node_type         text NOT NULL,
  -- Key/value tags such as {"region": "EMEA"}.
  tags_json         jsonb NOT NULL DEFAULT '{}',
  metadata_json     jsonb NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- Nodes are renamed and moved, so they carry updated_at.
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- RESTRICT: a node with children cannot be deleted; portfolio history is never lost by a cascade.
  CONSTRAINT portfolio_node_parent_id_fkey
    FOREIGN KEY (parent_id) REFERENCES portfolio_node (portfolio_node_id) ON DELETE RESTRICT,
  CONSTRAINT portfolio_node_node_type_check CHECK (node_type IN ('FUND', 'DESK', 'BOOK', 'STRATEGY')),
  CONSTRAINT portfolio_node_parent_not_self_check CHECK (parent_id IS NULL OR parent_id <> portfolio_node_id)
);

-- Recursive hierarchy queries walk parent -> children.
CREATE INDEX IF NOT EXISTS portfolio_node_parent_id_idx ON portfolio_node (parent_id);

CREATE OR REPLACE TRIGGER portfolio_node_set_updated_at
  BEFORE UPDATE ON portfolio_node FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE IF NOT EXISTS position (
  position_id       text PRIMARY KEY,
  portfolio_node_id text NOT NULL,
  instrument_id     text NOT NULL,
  quantity          numeric NOT NULL,
  base_ccy          text NOT NULL,
  cost_basis        numeric,
  book_value        numeric,
  tags_json         jsonb NOT NULL DEFAULT '{}',
  status            text NOT NULL DEFAULT 'ACTIVE',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- RESTRICT: a node holding positions cannot be deleted (positions are closed or soft-deleted, never cascaded away).
  CONSTRAINT position_portfolio_node_id_fkey
    FOREIGN KEY (portfolio_node_id) REFERENCES portfolio_node (portfolio_node_id) ON DELETE RESTRICT,
  -- The link to release 001. RESTRICT: an instrument that is held cannot vanish.
  CONSTRAINT position_instrument_id_fkey
    FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id) ON DELETE RESTRICT,
  CONSTRAINT position_status_check CHECK (status IN ('ACTIVE', 'CLOSED', 'DELETED')),
  CONSTRAINT position_base_ccy_check CHECK (base_ccy ~ '^[A-Z]{3}$')
);

CREATE INDEX IF NOT EXISTS position_portfolio_node_id_instrument_id_idx ON position (portfolio_node_id, instrument_id);
CREATE INDEX IF NOT EXISTS position_instrument_id_idx ON position (instrument_id);

CREATE OR REPLACE TRIGGER position_set_updated_at
  BEFORE UPDATE ON position FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE IF NOT EXISTS portfolio_snapshot (
  snapshot_id       text PRIMARY KEY,
  portfolio_node_id text NOT NULL,
  as_of_date        date NOT NULL,
  -- RFC 8785 canonical JSON of the node's subtree positions; payload_hash is the SHA-256 of that text.
  payload_json      jsonb NOT NULL,
  payload_hash      text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- The spec allows CASCADE here; we RESTRICT instead. Snapshots are the audit record of what a portfolio held, and
  -- "portfolio history is never lost by a cascade": deleting a node with snapshots must be a deliberate two-step act.
  CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey
    FOREIGN KEY (portfolio_node_id) REFERENCES portfolio_node (portfolio_node_id) ON DELETE RESTRICT,
  CONSTRAINT portfolio_snapshot_payload_hash_check CHECK (payload_hash ~ '^[0-9a-f]{64}$'),
  -- Deduplication: the same content for the same node is stored once.
  CONSTRAINT portfolio_snapshot_portfolio_node_id_payload_hash_key UNIQUE (portfolio_node_id, payload_hash)
);

CREATE INDEX IF NOT EXISTS portfolio_snapshot_portfolio_node_id_as_of_date_idx
  ON portfolio_snapshot (portfolio_node_id, as_of_date DESC);

-- ---------------------------------------------------------------------------------------------------------------------
-- Reference data

CREATE TABLE IF NOT EXISTS reference_data (
  entity_id        text PRIMARY KEY,
  entity_type      text NOT NULL,
  name             text NOT NULL,
  ticker           text,
  cusip            text,
  isin             text,
  sector           text,
  -- ISO 3166-1 alpha-2 country code for issuers; the SDK validates it against the standard's list.
  geography        text,
  currency         text,
  parent_entity_id text,
  metadata_json    jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- RESTRICT: a parent issuer cannot disappear from under its subsidiaries.
  CONSTRAINT reference_data_parent_entity_id_fkey
    FOREIGN KEY (parent_entity_id) REFERENCES reference_data (entity_id) ON DELETE RESTRICT,
  CONSTRAINT reference_data_entity_type_check CHECK (entity_type IN ('ISSUER', 'SECTOR', 'GEOGRAPHY', 'CURRENCY')),
  -- Shape only; check digits are verified by the SDK before writing.
  CONSTRAINT reference_data_isin_check CHECK (isin IS NULL OR isin ~ '^[A-Z]{2}[A-Z0-9]{9}[0-9]$'),
  CONSTRAINT reference_data_cusip_check CHECK (cusip IS NULL OR cusip ~ '^[0-9A-Z*@#]{8}[0-9]$'),
  CONSTRAINT reference_data_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
  CONSTRAINT reference_data_parent_not_self_check CHECK (parent_entity_id IS NULL OR parent_entity_id <> entity_id)
);

CREATE INDEX IF NOT EXISTS reference_data_entity_type_name_idx ON reference_data (entity_type, name);
CREATE INDEX IF NOT EXISTS reference_data_ticker_idx ON reference_data (ticker);
CREATE INDEX IF NOT EXISTS reference_data_cusip_idx ON reference_data (cusip);
CREATE INDEX IF NOT EXISTS reference_data_isin_idx ON reference_data (isin);
CREATE INDEX IF NOT EXISTS reference_data_parent_entity_id_idx ON reference_data (parent_entity_id);

CREATE OR REPLACE TRIGGER reference_data_set_updated_at
  BEFORE UPDATE ON reference_data FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE IF NOT EXISTS rating_history (
  rating_id      text PRIMARY KEY,
  entity_id      text NOT NULL,
  agency         text NOT NULL,
  -- The notation on the agency's own scale (e.g. 'BBB-', 'Baa3', 'BBB (low)'); the SDK validates it per agency.
  rating         text NOT NULL,
  outlook        text,
  as_of_date     date NOT NULL,
  effective_date date NOT NULL,
  metadata_json  jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- CASCADE: ratings describe the entity and mean nothing without it; removing an entity is a deliberate clean-up.
  CONSTRAINT rating_history_entity_id_fkey
    FOREIGN KEY (entity_id) REFERENCES reference_data (entity_id) ON DELETE CASCADE,
  CONSTRAINT rating_history_agency_check CHECK (agency IN ('SP', 'MOODYS', 'FITCH', 'DBRS')),
  CONSTRAINT rating_history_outlook_check
    CHECK (outlook IS NULL OR outlook IN ('POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'))
);

CREATE INDEX IF NOT EXISTS rating_history_entity_id_as_of_date_idx ON rating_history (entity_id, as_of_date DESC);

CREATE TABLE IF NOT EXISTS fx_spot (
  pair        text NOT NULL,
  snapshot_id text NOT NULL,
  spot_rate   numeric NOT NULL,
  as_of_date  date NOT NULL,
  source      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fx_spot_pkey PRIMARY KEY (pair, snapshot_id),
  -- 'BASE/QUOTE': three upper-case letters each side, the two sides different (units of QUOTE per one BASE).
  CONSTRAINT fx_spot_pair_check CHECK (pair ~ '^[A-Z]{3}/[A-Z]{3}$' AND left(pair, 3) <> right(pair, 3)),
  CONSTRAINT fx_spot_spot_rate_check CHECK (spot_rate > 0)
);

CREATE INDEX IF NOT EXISTS fx_spot_snapshot_id_idx ON fx_spot (snapshot_id);

-- ---------------------------------------------------------------------------------------------------------------------
-- Data ingestion

CREATE TABLE IF NOT EXISTS market_data_feed (
  feed_id                  text PRIMARY KEY,
  feed_type                text NOT NULL,
  as_of_date               date NOT NULL,
  source                   text NOT NULL,
  payload_json             jsonb NOT NULL,
  payload_hash             text NOT NULL,
  validation_status        text NOT NULL DEFAULT 'PENDING',
  -- What validation found (one object per finding); empty when it passed cleanly.
  validation_findings_json jsonb NOT NULL DEFAULT '[]',
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT market_data_feed_feed_type_check
    CHECK (feed_type IN ('YIELD_CURVE', 'CREDIT_SPREAD', 'FX_SPOT', 'RATING')),
  CONSTRAINT market_data_feed_validation_status_check
    CHECK (validation_status IN ('PENDING', 'PASS', 'WARN', 'FAIL')),
  CONSTRAINT market_data_feed_payload_hash_check CHECK (payload_hash ~ '^[0-9a-f]{64}$'),
  -- The same payload for the same type and date is stored once.
  CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key UNIQUE (feed_type, as_of_date, payload_hash)
);

CREATE INDEX IF NOT EXISTS market_data_feed_feed_type_as_of_date_idx ON market_data_feed (feed_type, as_of_date DESC);

CREATE OR REPLACE TRIGGER market_data_feed_set_updated_at
  BEFORE UPDATE ON market_data_feed FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Append-only audit of every ingestion. No foreign key on feed_id on purpose: lineage outlives the rows it describes and
-- also traces ingestion batches, whose ids live in ingestion_batch (feed_type says which).
CREATE TABLE IF NOT EXISTS data_lineage (
  lineage_id            text PRIMARY KEY,
  feed_type             text NOT NULL,
  feed_id               text NOT NULL,
  source_system         text NOT NULL,
  source_identifier     text,
  ingested_at           timestamptz NOT NULL DEFAULT now(),
  -- Ordered steps, first applied first.
  transformation_chain  text[] NOT NULL DEFAULT '{}',
  quality_checks_passed boolean NOT NULL,
  metadata_json         jsonb NOT NULL DEFAULT '{}',
  created_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT data_lineage_feed_type_check CHECK (feed_type IN (
    'YIELD_CURVE', 'CREDIT_SPREAD', 'FX_SPOT', 'RATING', 'LOAN_SERVICING', 'MARKET_DATA', 'POSITION_UPLOAD'))
);

CREATE INDEX IF NOT EXISTS data_lineage_feed_id_idx ON data_lineage (feed_id);

CREATE TABLE IF NOT EXISTS ingestion_batch (
  batch_id               text PRIMARY KEY,
  batch_type             text NOT NULL,
  source_file            text,
  -- SHA-256 of the uploaded bytes: re-uploading the same file is detected through it.
  source_file_hash       text,
  record_count           bigint NOT NULL DEFAULT 0,
  validation_errors_json jsonb NOT NULL DEFAULT '[]',
  status                 text NOT NULL DEFAULT 'STARTED',
  started_at             timestamptz NOT NULL DEFAULT now(),
  completed_at           timestamptz,
  created_by             text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ingestion_batch_batch_type_check
    CHECK (batch_type IN ('LOAN_SERVICING', 'MARKET_DATA', 'POSITION_UPLOAD')),
  CONSTRAINT ingestion_batch_status_check CHECK (status IN ('STARTED', 'VALIDATING', 'COMPLETED', 'FAILED')),
  CONSTRAINT ingestion_batch_record_count_check CHECK (record_count >= 0),
  CONSTRAINT ingestion_batch_source_file_hash_check
    CHECK (source_file_hash IS NULL OR source_file_hash ~ '^[0-9a-f]{64}$'),
  -- A batch is finished exactly when it has reached a terminal status.
  CONSTRAINT ingestion_batch_completed_at_check
    CHECK ((status IN ('COMPLETED', 'FAILED')) = (completed_at IS NOT NULL))
);

CREATE INDEX IF NOT EXISTS ingestion_batch_batch_type_source_file_hash_idx
  ON ingestion_batch (batch_type, source_file_hash);
CREATE INDEX IF NOT EXISTS ingestion_batch_status_started_at_idx ON ingestion_batch (status, started_at DESC);

CREATE OR REPLACE TRIGGER ingestion_batch_set_updated_at
  BEFORE UPDATE ON ingestion_batch FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMIT;
