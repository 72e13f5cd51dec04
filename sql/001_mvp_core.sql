-- iprs schema release 001 — MVP core: instruments, valuation/risk runs and their results.
--
-- Contract: ../shared/spec/SCHEMA-SPEC.md. Every statement is guarded (IF NOT EXISTS, OR REPLACE), so running this file
-- twice with plain `psql -f` succeeds and changes nothing, on an empty database and on one holding data.
-- Naming: CHECK constraints are <table>_<column>_check, foreign keys <table>_<column>_fkey, indexes <table>_<columns>_idx;
-- the names are part of the contract (the SDK maps constraint violations to errors by name).

BEGIN;

-- One shared trigger function maintains updated_at on every table whose rows change.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TABLE IF NOT EXISTS instrument (
  instrument_id    text PRIMARY KEY,
  instrument_type  text NOT NULL,
  name             text NOT NULL,
  currency         text NOT NULL,
  isin             text,
  cusip            text,
  -- Plain text on purpose: reference data (and so the issuer table) arrives in release 002.
  issuer_entity_id text,
  maturity_date    date,
  terms_json       jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT instrument_instrument_type_check
    CHECK (instrument_type IN ('LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD', 'CASH')),
  CONSTRAINT instrument_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE OR REPLACE TRIGGER instrument_set_updated_at
  BEFORE UPDATE ON instrument FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A valuation or risk run. Runs change state (PENDING -> RUNNING -> COMPLETED | FAILED), so they carry updated_at too.
CREATE TABLE IF NOT EXISTS run (
  run_id             text PRIMARY KEY,
  run_type           text NOT NULL,
  as_of_date         date NOT NULL,
  status             text NOT NULL DEFAULT 'PENDING',
  market_snapshot_id text,
  config_json        jsonb NOT NULL DEFAULT '{}',
  started_at         timestamptz,
  completed_at       timestamptz,
  created_by         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT run_run_type_check CHECK (run_type IN ('VALUATION', 'RISK', 'STRESS')),
  CONSTRAINT run_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
  CONSTRAINT run_completed_after_started_check
    CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at)
);

CREATE INDEX IF NOT EXISTS run_as_of_date_idx ON run (as_of_date DESC);

CREATE OR REPLACE TRIGGER run_set_updated_at
  BEFORE UPDATE ON run FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE IF NOT EXISTS valuation_result (
  valuation_result_id text PRIMARY KEY,
  run_id              text NOT NULL,
  instrument_id       text NOT NULL,
  measure             text NOT NULL,
  scenario_id         text NOT NULL DEFAULT 'BASE',
  value               numeric NOT NULL,
  -- NULL for unitless measures (YIELD, SPREAD); an ISO 4217 code otherwise.
  currency            text,
  metadata_json       jsonb NOT NULL DEFAULT '{}',
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Results belong to their run: deleting a run removes what it produced.
  CONSTRAINT valuation_result_run_id_fkey
    FOREIGN KEY (run_id) REFERENCES run (run_id) ON DELETE CASCADE,
  -- An instrument with results is history; it cannot disappear from under them.
  CONSTRAINT valuation_result_instrument_id_fkey
    FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id) ON DELETE RESTRICT,
  CONSTRAINT valuation_result_measure_check
    CHECK (measure IN ('PV', 'CLEAN_PRICE', 'DIRTY_PRICE', 'ACCRUED', 'DV01', 'CS01', 'YIELD', 'SPREAD')),
  CONSTRAINT valuation_result_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
  -- Leads with run_id, so it is also the index behind the run_id foreign key.
  CONSTRAINT valuation_result_run_instrument_measure_scenario_key
    UNIQUE (run_id, instrument_id, measure, scenario_id)
);

CREATE INDEX IF NOT EXISTS valuation_result_instrument_id_idx ON valuation_result (instrument_id);

COMMIT;
