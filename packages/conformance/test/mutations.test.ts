import { describe, expect, it } from 'vitest';
import {
  verifySchema,
  type CheckCategory,
  type Finding,
  type FindingKind,
  type VerificationReport,
} from '../src/index.js';
import { execute, provided, withClonedDatabase } from './support/databases.js';

interface Mutation {
  readonly name: string;
  readonly sql: string;
  /** The object a finding must name. */
  readonly object: string;
  readonly kind: FindingKind;
  /** The category of the check that must report it: the catalog comparison, unless it is the ledger's. */
  readonly category: CheckCategory;
  /** For `different`: the property that finding must name (e.g. onDelete), so another property cannot stand in. */
  readonly property?: string;
  /** A behavioural probe (check id) that must fail, naming `probeObject` (default `object`), too. */
  readonly probe?: string;
  readonly probeObject?: string;
  /** Unexpected extras only warn unless strict: such mutations are checked in both modes. */
  readonly extra?: boolean;
  /** The mutation's SQL needs this server_version_num or later. */
  readonly minimumServerVersion?: number;
}

const ledger = 'iprs_schema_migrations';
// A schema named after the connecting role is first on the default search_path ("$user", public) for that role.
const user = String((await execute(provided().serverUrl, 'SELECT current_user AS name'))[0]?.name);
const setDatabaseSearchPath = (path: string) =>
  `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = ${path}', current_database()); END $$`;

// Each is applied alone to a fresh clone of the migrated database; together they cover every property the manifest
// records, including the three pgTAP missed (ON DELETE RESTRICT → CASCADE, a lost partial-index predicate, an added
// enum value).
const mutations: readonly Mutation[] = [
  // Indexes
  {
    name: 'drop an index',
    sql: 'DROP INDEX reference_data_isin_idx',
    object: 'reference_data_isin_idx',
    kind: 'missing',
    category: 'catalog',
  },
  {
    name: 'index on another column',
    sql: 'DROP INDEX position_instrument_id_idx; CREATE INDEX position_instrument_id_idx ON position (portfolio_node_id)',
    object: 'position_instrument_id_idx',
    kind: 'different',
    category: 'catalog',
    property: 'keys',
  },
  {
    name: 'index columns reordered',
    sql: `DROP INDEX position_portfolio_node_id_instrument_id_idx;
          CREATE INDEX position_portfolio_node_id_instrument_id_idx ON position (instrument_id, portfolio_node_id)`,
    object: 'position_portfolio_node_id_instrument_id_idx',
    kind: 'different',
    category: 'catalog',
    property: 'keys',
  },
  {
    name: 'index gains a column',
    sql: 'DROP INDEX fx_spot_snapshot_id_idx; CREATE INDEX fx_spot_snapshot_id_idx ON fx_spot (snapshot_id, pair)',
    object: 'fx_spot_snapshot_id_idx',
    kind: 'different',
    category: 'catalog',
    property: 'keys',
  },
  {
    name: 'index becomes unique',
    sql: 'DROP INDEX reference_data_ticker_idx; CREATE UNIQUE INDEX reference_data_ticker_idx ON reference_data (ticker)',
    object: 'reference_data_ticker_idx',
    kind: 'different',
    category: 'catalog',
    property: 'unique',
  },
  {
    name: 'partial index loses its predicate',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy) INCLUDE (book_value)`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
    category: 'catalog',
    property: 'predicate',
  },
  {
    name: 'partial index predicate changed',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy)
            INCLUDE (book_value) WHERE status = 'CLOSED'`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
    category: 'catalog',
    property: 'predicate',
  },
  {
    name: 'index loses its INCLUDE column',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy) WHERE status = 'ACTIVE'`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
    category: 'catalog',
    property: 'include',
  },
  {
    name: 'index access method changed',
    sql: 'DROP INDEX data_lineage_feed_id_idx; CREATE INDEX data_lineage_feed_id_idx ON data_lineage USING hash (feed_id)',
    object: 'data_lineage_feed_id_idx',
    kind: 'different',
    category: 'catalog',
    property: 'method',
  },
  {
    name: 'index sort order changed (DESC lost)',
    sql: 'DROP INDEX run_as_of_date_idx; CREATE INDEX run_as_of_date_idx ON run (as_of_date)',
    object: 'run_as_of_date_idx',
    kind: 'different',
    category: 'catalog',
    property: 'keys',
  },
  {
    name: 'index NULLS ordering changed',
    sql: 'DROP INDEX run_as_of_date_idx; CREATE INDEX run_as_of_date_idx ON run (as_of_date DESC NULLS LAST)',
    object: 'run_as_of_date_idx',
    kind: 'different',
    category: 'catalog',
    property: 'keys',
  },
  {
    name: 'index left invalid (as by a failed CREATE INDEX CONCURRENTLY)',
    sql: "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'rating_history_entity_id_as_of_date_idx'::regclass",
    object: 'rating_history_entity_id_as_of_date_idx',
    kind: 'different',
    category: 'catalog',
    property: 'valid',
  },
  {
    name: 'an extra index a DBA added',
    sql: 'CREATE INDEX run_status_idx ON run (status)',
    object: 'run_status_idx',
    kind: 'unexpected',
    category: 'catalog',
    extra: true,
  },
  // Foreign keys
  {
    name: 'drop a foreign key',
    sql: 'ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey',
    object: 'position_instrument_id_fkey',
    kind: 'missing',
    category: 'catalog',
    probe: 'probes/orphan/position.position_instrument_id_fkey',
  },
  {
    name: 'foreign key retargeted',
    sql: `ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey,
            ADD CONSTRAINT position_instrument_id_fkey FOREIGN KEY (instrument_id) REFERENCES reference_data (entity_id)`,
    object: 'position_instrument_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'referencedTable',
  },
  {
    name: 'ON DELETE RESTRICT becomes CASCADE',
    sql: `ALTER TABLE portfolio_snapshot DROP CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey,
            ADD CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE CASCADE`,
    object: 'portfolio_snapshot_portfolio_node_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'onDelete',
    probe: 'probes/on-delete/portfolio_snapshot.portfolio_snapshot_portfolio_node_id_fkey',
  },
  {
    name: 'ON DELETE CASCADE becomes RESTRICT',
    sql: `ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_run_id_fkey,
            ADD CONSTRAINT valuation_result_run_id_fkey FOREIGN KEY (run_id) REFERENCES run (run_id) ON DELETE RESTRICT`,
    object: 'valuation_result_run_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'onDelete',
    probe: 'probes/on-delete/valuation_result.valuation_result_run_id_fkey',
  },
  {
    name: 'ON DELETE RESTRICT becomes SET NULL',
    sql: `ALTER TABLE portfolio_node DROP CONSTRAINT portfolio_node_parent_id_fkey,
            ADD CONSTRAINT portfolio_node_parent_id_fkey FOREIGN KEY (parent_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE SET NULL`,
    object: 'portfolio_node_parent_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'onDelete',
    probe: 'probes/on-delete/portfolio_node.portfolio_node_parent_id_fkey',
  },
  {
    name: 'ON DELETE RESTRICT becomes NO ACTION',
    sql: `ALTER TABLE reference_data DROP CONSTRAINT reference_data_parent_entity_id_fkey,
            ADD CONSTRAINT reference_data_parent_entity_id_fkey FOREIGN KEY (parent_entity_id) REFERENCES reference_data (entity_id)`,
    object: 'reference_data_parent_entity_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'onDelete',
  },
  {
    name: 'ON UPDATE changed',
    sql: `ALTER TABLE position DROP CONSTRAINT position_portfolio_node_id_fkey,
            ADD CONSTRAINT position_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE RESTRICT ON UPDATE CASCADE`,
    object: 'position_portfolio_node_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'onUpdate',
  },
  {
    name: 'foreign key made deferrable',
    sql: `ALTER TABLE rating_history DROP CONSTRAINT rating_history_entity_id_fkey,
            ADD CONSTRAINT rating_history_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES reference_data (entity_id)
              ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
    object: 'rating_history_entity_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'deferrable',
  },
  {
    name: 'foreign key NOT VALID',
    sql: `ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_instrument_id_fkey,
            ADD CONSTRAINT valuation_result_instrument_id_fkey FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id)
              ON DELETE RESTRICT NOT VALID`,
    object: 'valuation_result_instrument_id_fkey',
    kind: 'different',
    category: 'catalog',
    property: 'validated',
  },
  // Enumeration CHECKs
  {
    name: 'enum gains a value',
    sql: `ALTER TABLE position DROP CONSTRAINT position_status_check,
            ADD CONSTRAINT position_status_check CHECK (status IN ('ACTIVE', 'CLOSED', 'DELETED', 'PENDING'))`,
    object: 'position_status_check',
    kind: 'different',
    category: 'catalog',
    property: 'allowedValues',
  },
  {
    name: 'enum loses a value',
    sql: `ALTER TABLE instrument DROP CONSTRAINT instrument_instrument_type_check,
            ADD CONSTRAINT instrument_instrument_type_check
              CHECK (instrument_type IN ('LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD'))`,
    object: 'instrument_instrument_type_check',
    kind: 'different',
    category: 'catalog',
    property: 'allowedValues',
    probe: 'probes/allowed-values/instrument.instrument_instrument_type_check',
  },
  {
    name: 'drop an enum CHECK',
    sql: 'ALTER TABLE run DROP CONSTRAINT run_status_check',
    object: 'run_status_check',
    kind: 'missing',
    category: 'catalog',
    probe: 'probes/rejects-outside-value/run.run_status_check',
  },
  {
    name: 'enum CHECK no longer admits NULL',
    sql: `ALTER TABLE rating_history DROP CONSTRAINT rating_history_outlook_check,
            ADD CONSTRAINT rating_history_outlook_check CHECK (outlook IN ('POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'))`,
    object: 'rating_history_outlook_check',
    kind: 'different',
    category: 'catalog',
    property: 'allowedValues',
  },
  {
    name: 'enum CHECK renamed',
    sql: 'ALTER TABLE market_data_feed RENAME CONSTRAINT market_data_feed_feed_type_check TO market_data_feed_type_check',
    object: 'market_data_feed_feed_type_check',
    kind: 'missing',
    category: 'catalog',
    probe: 'probes/rejects-outside-value/market_data_feed.market_data_feed_feed_type_check',
  },
  // Other CHECKs
  {
    name: 'pair-format check loosened (sides may be equal)',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_pair_check,
            ADD CONSTRAINT fx_spot_pair_check CHECK (pair ~ '^[A-Z]{3}/[A-Z]{3}$')`,
    object: 'fx_spot_pair_check',
    kind: 'different',
    category: 'catalog',
    property: 'expression',
  },
  {
    name: 'drop a CHECK',
    sql: 'ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_spot_rate_check',
    object: 'fx_spot_spot_rate_check',
    kind: 'missing',
    category: 'catalog',
  },
  {
    name: 'CHECK bound changed',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_spot_rate_check,
            ADD CONSTRAINT fx_spot_spot_rate_check CHECK (spot_rate >= 0)`,
    object: 'fx_spot_spot_rate_check',
    kind: 'different',
    category: 'catalog',
    property: 'expression',
  },
  {
    name: 'CHECK NOT VALID',
    sql: `ALTER TABLE ingestion_batch DROP CONSTRAINT ingestion_batch_record_count_check,
            ADD CONSTRAINT ingestion_batch_record_count_check CHECK (record_count >= 0) NOT VALID`,
    object: 'ingestion_batch_record_count_check',
    kind: 'different',
    category: 'catalog',
    property: 'validated',
  },
  // Columns
  {
    name: 'column type changed',
    sql: 'ALTER TABLE position ALTER COLUMN quantity TYPE double precision',
    object: 'position.quantity',
    kind: 'different',
    category: 'catalog',
    property: 'type',
  },
  {
    name: 'column type modifier added',
    sql: 'ALTER TABLE valuation_result ALTER COLUMN value TYPE numeric(18, 6)',
    object: 'valuation_result.value',
    kind: 'different',
    category: 'catalog',
    property: 'type',
  },
  {
    name: 'column loses NOT NULL',
    sql: 'ALTER TABLE instrument ALTER COLUMN name DROP NOT NULL',
    object: 'instrument.name',
    kind: 'different',
    category: 'catalog',
    property: 'notNull',
  },
  {
    // PostgreSQL 18 lists NOT NULL constraints in pg_constraint and keeps attnotnull true for one added NOT VALID.
    name: 'NOT NULL left NOT VALID',
    sql: `ALTER TABLE instrument ALTER COLUMN name DROP NOT NULL;
          ALTER TABLE instrument ADD CONSTRAINT instrument_name_not_null NOT NULL name NOT VALID`,
    object: 'instrument.name',
    kind: 'different',
    category: 'catalog',
    property: 'notNull',
    minimumServerVersion: 180000,
  },
  {
    name: 'column gains NOT NULL',
    sql: 'ALTER TABLE instrument ALTER COLUMN isin SET NOT NULL',
    object: 'instrument.isin',
    kind: 'different',
    category: 'catalog',
    property: 'notNull',
  },
  {
    name: 'column default changed',
    sql: "ALTER TABLE position ALTER COLUMN status SET DEFAULT 'CLOSED'",
    object: 'position.status',
    kind: 'different',
    category: 'catalog',
    property: 'default',
  },
  {
    name: 'column default dropped',
    sql: 'ALTER TABLE run ALTER COLUMN config_json DROP DEFAULT',
    object: 'run.config_json',
    kind: 'different',
    category: 'catalog',
    property: 'default',
  },
  {
    name: 'column collation changed',
    sql: 'ALTER TABLE instrument ALTER COLUMN name TYPE text COLLATE "C"',
    object: 'instrument.name',
    kind: 'different',
    category: 'catalog',
    property: 'collation',
  },
  {
    name: 'column becomes generated',
    sql: `ALTER TABLE position DROP COLUMN cost_basis;
          ALTER TABLE position ADD COLUMN cost_basis numeric GENERATED ALWAYS AS (quantity * 2) STORED`,
    object: 'position.cost_basis',
    kind: 'different',
    category: 'catalog',
    property: 'generated',
  },
  {
    name: 'missing column',
    sql: 'ALTER TABLE reference_data DROP COLUMN sector',
    object: 'reference_data.sector',
    kind: 'missing',
    category: 'catalog',
  },
  {
    name: 'extra column',
    sql: 'ALTER TABLE portfolio_node ADD COLUMN owner text',
    object: 'portfolio_node.owner',
    kind: 'unexpected',
    category: 'catalog',
    extra: true,
  },
  // Tables
  {
    name: 'missing table',
    sql: 'DROP TABLE data_lineage',
    object: 'data_lineage',
    kind: 'missing',
    category: 'catalog',
  },
  {
    name: 'extra table',
    sql: 'CREATE TABLE audit_log (audit_id bigint PRIMARY KEY, note text)',
    object: 'audit_log',
    kind: 'unexpected',
    category: 'catalog',
    extra: true,
  },
  {
    name: 'table made UNLOGGED',
    sql: 'ALTER TABLE fx_spot SET UNLOGGED',
    object: 'fx_spot',
    kind: 'different',
    category: 'catalog',
    property: 'unlogged',
  },
  {
    name: 'row level security enabled',
    sql: 'ALTER TABLE position ENABLE ROW LEVEL SECURITY',
    object: 'position',
    kind: 'different',
    category: 'catalog',
    property: 'rowLevelSecurity',
  },
  // Keys
  {
    name: 'drop a unique key',
    sql: 'ALTER TABLE portfolio_snapshot DROP CONSTRAINT portfolio_snapshot_portfolio_node_id_payload_hash_key',
    object: 'portfolio_snapshot_portfolio_node_id_payload_hash_key',
    kind: 'missing',
    category: 'catalog',
  },
  {
    name: 'unique key columns changed',
    sql: `ALTER TABLE market_data_feed DROP CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key,
            ADD CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key UNIQUE (feed_type, payload_hash)`,
    object: 'market_data_feed_feed_type_as_of_date_payload_hash_key',
    kind: 'different',
    category: 'catalog',
    property: 'columns',
  },
  {
    name: 'primary key columns changed',
    sql: 'ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_pkey, ADD CONSTRAINT fx_spot_pkey PRIMARY KEY (pair, snapshot_id, as_of_date)',
    object: 'fx_spot_pkey',
    kind: 'different',
    category: 'catalog',
    property: 'columns',
  },
  {
    name: 'primary key renamed',
    sql: 'ALTER TABLE ingestion_batch RENAME CONSTRAINT ingestion_batch_pkey TO ingestion_batch_id_pk',
    object: 'ingestion_batch_pkey',
    kind: 'different',
    category: 'catalog',
    property: 'name',
  },
  // Triggers and functions
  {
    name: 'drop a trigger',
    sql: 'DROP TRIGGER instrument_set_updated_at ON instrument',
    object: 'instrument_set_updated_at',
    kind: 'missing',
    category: 'catalog',
    probe: 'probes/trigger/instrument.instrument_set_updated_at',
  },
  {
    name: 'trigger disabled',
    sql: 'ALTER TABLE run DISABLE TRIGGER run_set_updated_at',
    object: 'run_set_updated_at',
    kind: 'different',
    category: 'catalog',
    property: 'enabled',
    probe: 'probes/trigger/run.run_set_updated_at',
  },
  {
    name: 'trigger fires on other events',
    sql: `CREATE OR REPLACE TRIGGER position_set_updated_at BEFORE INSERT OR UPDATE ON position
            FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
    object: 'position_set_updated_at',
    kind: 'different',
    category: 'catalog',
    property: 'events',
  },
  {
    name: 'extra trigger',
    sql: `CREATE FUNCTION audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
          CREATE TRIGGER fx_spot_audit AFTER INSERT OR UPDATE OR DELETE ON fx_spot
            FOR EACH STATEMENT EXECUTE FUNCTION audit_statement()`,
    object: 'fx_spot_audit',
    kind: 'unexpected',
    category: 'catalog',
    extra: true,
  },
  {
    // fx_spot has no updated_at column: the trigger makes every UPDATE fail, which the probes see.
    name: 'extra set_updated_at() trigger on a table without updated_at',
    sql: 'CREATE TRIGGER fx_spot_set_updated_at BEFORE UPDATE ON fx_spot FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
    object: 'fx_spot',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    name: 'trigger function body changed',
    sql: `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RETURN NEW; END; $$`,
    object: 'set_updated_at()',
    kind: 'different',
    category: 'catalog',
    property: 'definition',
  },
  {
    name: 'trigger function gains SET search_path',
    sql: `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$
          BEGIN
            NEW.updated_at := now();
            RETURN NEW;
          END;
          $$`,
    object: 'set_updated_at()',
    kind: 'different',
    category: 'catalog',
    property: 'definition',
  },
  {
    name: 'trigger function body changes a literal only',
    sql: `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            NEW.updated_at := now() - interval '1 second';
            RETURN NEW;
          END;
          $$`,
    object: 'set_updated_at()',
    kind: 'different',
    category: 'catalog',
    property: 'definition',
  },
  {
    name: 'extra function',
    sql: 'CREATE FUNCTION iprs_helper() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    object: 'iprs_helper()',
    kind: 'unexpected',
    category: 'catalog',
    extra: true,
  },
  // Rewrite rules: DO INSTEAD and DO ALSO, on every event, conditional or not
  {
    name: 'rule: INSERT on position DO INSTEAD NOTHING',
    sql: 'CREATE RULE position_insert_nothing AS ON INSERT TO position DO INSTEAD NOTHING',
    object: 'position_insert_nothing',
    kind: 'unexpected',
    category: 'catalog',
    probe: 'probes/insert/position',
    probeObject: 'position',
  },
  {
    name: 'rule: UPDATE on run DO INSTEAD NOTHING',
    sql: 'CREATE RULE run_update_nothing AS ON UPDATE TO run DO INSTEAD NOTHING',
    object: 'run_update_nothing',
    kind: 'unexpected',
    category: 'catalog',
    probe: 'probes/update/run',
    probeObject: 'run',
  },
  {
    name: 'rule: DELETE on instrument DO INSTEAD NOTHING',
    sql: 'CREATE RULE instrument_delete_nothing AS ON DELETE TO instrument DO INSTEAD NOTHING',
    object: 'instrument_delete_nothing',
    kind: 'unexpected',
    category: 'catalog',
    probe: 'probes/delete/instrument',
    probeObject: 'instrument',
  },
  {
    name: 'rule: UPDATE on reference_data redirected DO INSTEAD into another table',
    sql: `CREATE TABLE reference_data_changes (LIKE reference_data);
          CREATE RULE reference_data_update_redirect AS ON UPDATE TO reference_data
            DO INSTEAD INSERT INTO reference_data_changes SELECT NEW.*`,
    object: 'reference_data_update_redirect',
    kind: 'unexpected',
    category: 'catalog',
    probe: 'probes/update/reference_data',
    probeObject: 'reference_data',
  },
  {
    name: 'rule: conditional UPDATE on portfolio_node DO INSTEAD NOTHING',
    sql: `CREATE RULE portfolio_node_freeze_funds AS ON UPDATE TO portfolio_node WHERE OLD.node_type = 'FUND'
            DO INSTEAD NOTHING`,
    object: 'portfolio_node_freeze_funds',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: 'rule: DELETE on fx_spot DO ALSO',
    sql: 'CREATE RULE fx_spot_delete_notify AS ON DELETE TO fx_spot DO ALSO NOTIFY fx_spot_deleted',
    object: 'fx_spot_delete_notify',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: 'rule: INSERT on rating_history DO ALSO deletes elsewhere',
    sql: `CREATE RULE rating_history_insert_purge AS ON INSERT TO rating_history
            DO ALSO DELETE FROM data_lineage WHERE feed_id = NEW.rating_id`,
    object: 'rating_history_insert_purge',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: 'rule: UPDATE on market_data_feed DO ALSO',
    sql: `CREATE RULE market_data_feed_update_notify AS ON UPDATE TO market_data_feed DO ALSO NOTIFY feeds_changed`,
    object: 'market_data_feed_update_notify',
    kind: 'unexpected',
    category: 'catalog',
  },
  // Triggers beyond the release whose behaviour changes what a statement does: the probes catch them
  {
    name: 'extra trigger rewrites values on UPDATE',
    sql: `CREATE FUNCTION force_failed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.status := 'FAILED'; RETURN NEW; END $$;
          CREATE TRIGGER run_force_failed BEFORE UPDATE ON run FOR EACH ROW EXECUTE FUNCTION force_failed()`,
    object: 'run',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    name: 'extra trigger swallows DELETE',
    sql: `CREATE FUNCTION keep_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
          CREATE TRIGGER market_data_feed_keep BEFORE DELETE ON market_data_feed FOR EACH ROW EXECUTE FUNCTION keep_rows()`,
    object: 'market_data_feed',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    name: 'extra trigger rewrites values on INSERT',
    sql: `CREATE FUNCTION upper_ticker() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := 'X'; RETURN NEW; END $$;
          CREATE TRIGGER instrument_upper BEFORE INSERT ON instrument FOR EACH ROW EXECUTE FUNCTION upper_ticker()`,
    object: 'instrument',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    // An extra CHECK is an extra object (a warning), but one that refuses a release value changes what the table takes.
    name: 'extra CHECK refuses a value the release allows',
    sql: "ALTER TABLE run ADD CONSTRAINT run_no_stress_check CHECK (run_type <> 'STRESS')",
    object: 'run_run_type_check',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    name: 'extra trigger overrides a default on INSERT',
    sql: `CREATE FUNCTION open_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.status := 'CLOSED'; RETURN NEW; END $$;
          CREATE TRIGGER position_open_closed BEFORE INSERT ON position FOR EACH ROW EXECUTE FUNCTION open_closed()`,
    object: 'position',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  {
    name: 'extra trigger fills a column the INSERT left NULL',
    sql: `CREATE FUNCTION guess_rating() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.outlook := 'STABLE'; RETURN NEW; END $$;
          CREATE TRIGGER rating_history_guess BEFORE INSERT ON rating_history FOR EACH ROW EXECUTE FUNCTION guess_rating()`,
    object: 'rating_history',
    kind: 'different',
    category: 'probes',
    property: 'behaviour',
  },
  // Objects that shadow release tables and functions on a search_path sessions get
  {
    name: 'a view in the "$user" schema shadows position',
    sql: `DO $$ BEGIN
            EXECUTE format('CREATE SCHEMA %I', current_user);
            EXECUTE format('CREATE VIEW %I.position AS SELECT * FROM public.position', current_user);
          END $$`,
    object: `${user}.position`,
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: 'a function in the "$user" schema shadows set_updated_at()',
    sql: `DO $$ BEGIN
            EXECUTE format('CREATE SCHEMA %I', current_user);
            EXECUTE format('CREATE FUNCTION %I.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS ''BEGIN RETURN NEW; END''',
                           current_user);
          END $$`,
    object: `${user}.set_updated_at()`,
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: "the database's search_path puts a shadowing table first",
    sql: `CREATE SCHEMA shadow; CREATE TABLE shadow.instrument (LIKE public.instrument);
          ${setDatabaseSearchPath('shadow, public')}`,
    object: 'shadow.instrument',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: "a role's search_path in this database puts a shadowing view first",
    sql: `CREATE SCHEMA ops; CREATE VIEW ops.run AS SELECT * FROM public.run;
          DO $$ BEGIN
            EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = ops, "$user", public', current_user, current_database());
          END $$`,
    object: 'ops.run',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: "the database's search_path puts a shadowing trigger function first",
    sql: `CREATE SCHEMA legacy;
          CREATE FUNCTION legacy.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
          ${setDatabaseSearchPath('legacy, public')}`,
    object: 'legacy.set_updated_at()',
    kind: 'unexpected',
    category: 'catalog',
  },
  // Row-level security, inheritance, partitions, replica identity
  {
    name: 'row-level security policy hides rows',
    sql: `ALTER TABLE position ENABLE ROW LEVEL SECURITY;
          CREATE POLICY position_only_active ON position USING (status = 'ACTIVE')`,
    object: 'position_only_active',
    kind: 'unexpected',
    category: 'catalog',
  },
  {
    name: 'row-level security forced on the owner',
    sql: 'ALTER TABLE run ENABLE ROW LEVEL SECURITY; ALTER TABLE run FORCE ROW LEVEL SECURITY',
    object: 'run',
    kind: 'different',
    category: 'catalog',
    property: 'forceRowLevelSecurity',
  },
  {
    name: 'a child table inherits from a release table',
    sql: 'CREATE TABLE position_archive () INHERITS (position)',
    object: 'position',
    kind: 'different',
    category: 'catalog',
    property: 'children',
  },
  {
    name: 'a release table inherits from another table',
    sql: 'CREATE TABLE audit_base (); ALTER TABLE instrument INHERIT audit_base',
    object: 'instrument',
    kind: 'different',
    category: 'catalog',
    property: 'parents',
  },
  {
    name: 'a release table attached as a partition',
    sql: `CREATE TABLE all_ratings (LIKE rating_history) PARTITION BY LIST (agency);
          ALTER TABLE all_ratings ATTACH PARTITION rating_history FOR VALUES IN ('SP', 'MOODYS', 'FITCH', 'DBRS')`,
    object: 'rating_history',
    kind: 'different',
    category: 'catalog',
    property: 'parents',
  },
  {
    name: 'replica identity FULL (debatable: a warning unless strict)',
    sql: 'ALTER TABLE fx_spot REPLICA IDENTITY FULL',
    object: 'fx_spot',
    kind: 'different',
    category: 'catalog',
    property: 'replicaIdentity',
    extra: true,
  },
  {
    name: 'replica identity NOTHING (debatable: a warning unless strict)',
    sql: 'ALTER TABLE data_lineage REPLICA IDENTITY NOTHING',
    object: 'data_lineage',
    kind: 'different',
    category: 'catalog',
    property: 'replicaIdentity',
    extra: true,
  },
  // Migration ledger
  {
    name: 'tampered ledger checksum',
    sql: `UPDATE ${ledger} SET checksum = repeat('0', 64) WHERE version = '002'`,
    object: '002_portfolio_data_services.sql',
    kind: 'different',
    category: 'ledger',
    property: 'checksum',
  },
  {
    name: 'migration missing from the ledger',
    sql: `DELETE FROM ${ledger} WHERE version = '001'`,
    object: '001_mvp_core.sql',
    kind: 'missing',
    category: 'ledger',
  },
  {
    name: 'unknown migration in the ledger',
    sql: `INSERT INTO ${ledger} (version, name, checksum, execution_ms) VALUES ('999', 'from_the_future', repeat('a', 64), 1)`,
    object: '999_from_the_future',
    kind: 'unexpected',
    category: 'ledger',
  },
  {
    name: 'ledger table dropped',
    sql: `DROP TABLE ${ledger}`,
    object: '001_mvp_core.sql',
    kind: 'missing',
    category: 'ledger',
  },
];

/** The findings that report the mutation: from its category's checks, naming its object, kind and property. */
function findingsFor(report: VerificationReport, mutation: Mutation): Finding[] {
  return report.checks
    .filter((check) => check.category === mutation.category)
    .flatMap((check) => check.findings)
    .filter(
      (finding) =>
        finding.object === mutation.object &&
        finding.kind === mutation.kind &&
        (mutation.property === undefined || finding.property === mutation.property),
    );
}

const serverVersion = Number((await execute(provided().serverUrl, 'SHOW server_version_num'))[0]?.server_version_num);

function title(mutation: Mutation): string {
  const only = mutation.minimumServerVersion ? ` (PostgreSQL ${mutation.minimumServerVersion / 10_000}+ only)` : '';
  const property = mutation.property ? ` (${mutation.property})` : '';
  return `${mutation.name}${only} → ${mutation.category} ${mutation.kind} ${mutation.object}${property}`;
}

describe('mutation suite: every schema change is reported, naming the changed object', () => {
  it('has at least 40 distinct mutations, at least 40 of them on this server', () => {
    expect(new Set(mutations.map((mutation) => mutation.name)).size).toBe(mutations.length);
    expect(new Set(mutations.map((mutation) => mutation.sql)).size).toBe(mutations.length);
    expect(
      mutations.filter((mutation) => serverVersion >= (mutation.minimumServerVersion ?? 0)).length,
    ).toBeGreaterThanOrEqual(40);
  });

  it('the unmutated database passes every check with zero findings', async () => {
    await withClonedDatabase(async (url) => {
      const report = await verifySchema(url, { strict: true, reapply: true });
      expect(report.checks.flatMap((check) => check.findings)).toEqual([]);
      expect(report.summary.skipped).toBe(0);
      expect(report.conforms).toBe(true);
    });
  });

  for (const mutation of mutations) {
    // A mutation the server cannot express is skipped by name (its title says which versions), never passed silently.
    it.skipIf(serverVersion < (mutation.minimumServerVersion ?? 0))(title(mutation), async () => {
      await withClonedDatabase(async (url) => {
        await execute(url, mutation.sql);
        const report = await verifySchema(url);
        const findings = findingsFor(report, mutation);
        expect(
          findings,
          JSON.stringify(report.checks.flatMap((check) => check.findings).map((f) => f.message)),
        ).not.toEqual([]);
        if (mutation.probe) {
          const probe = report.checks.find((check) => check.id === mutation.probe);
          expect(probe?.category).toBe('probes');
          expect(probe?.status).toBe('failed');
          expect(probe?.findings.some((finding) => finding.object === (mutation.probeObject ?? mutation.object))).toBe(
            true,
          );
        }
        if (mutation.extra) {
          expect(findings.every((finding) => finding.severity === 'warning')).toBe(true);
          expect(report.conforms).toBe(true);
          const strict = await verifySchema(url, { strict: true, probes: false });
          expect(findingsFor(strict, mutation).every((finding) => finding.severity === 'error')).toBe(true);
          expect(strict.conforms).toBe(false);
        } else {
          expect(findings.some((finding) => finding.severity === 'error')).toBe(true);
          expect(report.conforms).toBe(false);
        }
      });
    });
  }
});

// The same meaning, spelled differently: each must pass even with strict, with no finding at all.
const equivalentForms: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: 'enum CHECK with its values in another order',
    sql: `ALTER TABLE position DROP CONSTRAINT position_status_check,
            ADD CONSTRAINT position_status_check CHECK (status IN ('DELETED', 'ACTIVE', 'CLOSED'))`,
  },
  {
    name: 'enum CHECK as = ANY (ARRAY[…])',
    sql: `ALTER TABLE run DROP CONSTRAINT run_run_type_check,
            ADD CONSTRAINT run_run_type_check CHECK (run_type = ANY (ARRAY['STRESS', 'VALUATION', 'RISK']))`,
  },
  {
    name: 'enum CHECK as an OR-chain',
    sql: `ALTER TABLE run DROP CONSTRAINT run_status_check,
            ADD CONSTRAINT run_status_check
              CHECK (status = 'FAILED' OR status = 'PENDING' OR (status = 'COMPLETED') OR status = 'RUNNING')`,
  },
  {
    name: 'enum CHECK as an array literal',
    sql: `ALTER TABLE instrument DROP CONSTRAINT instrument_instrument_type_check,
            ADD CONSTRAINT instrument_instrument_type_check
              CHECK (instrument_type = ANY ('{CASH,LOAN,BOND,CDS,EQUITY,FX_FORWARD}'::text[]))`,
  },
  {
    name: 'nullable enum CHECK with IS NULL last and the values reordered',
    sql: `ALTER TABLE rating_history DROP CONSTRAINT rating_history_outlook_check,
            ADD CONSTRAINT rating_history_outlook_check
              CHECK (outlook IN ('STABLE', 'POSITIVE', 'DEVELOPING', 'NEGATIVE') OR outlook IS NULL)`,
  },
  {
    name: 'CHECK with its AND operands swapped',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_pair_check,
            ADD CONSTRAINT fx_spot_pair_check CHECK ((left(pair, 3) <> right(pair, 3)) AND (pair ~ '^[A-Z]{3}/[A-Z]{3}$'))`,
  },
  {
    name: 'CHECK with the literal on the left and extra parentheses',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_spot_rate_check,
            ADD CONSTRAINT fx_spot_spot_rate_check CHECK (((0 < spot_rate)))`,
  },
  {
    name: 'CHECK with OR operands and a comparison reordered',
    sql: `ALTER TABLE run DROP CONSTRAINT run_completed_after_started_check,
            ADD CONSTRAINT run_completed_after_started_check
              CHECK (started_at IS NULL OR started_at <= completed_at OR completed_at IS NULL)`,
  },
  {
    name: 'default CURRENT_TIMESTAMP for now()',
    sql: 'ALTER TABLE run ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP',
  },
  {
    name: 'default transaction_timestamp() for now()',
    sql: 'ALTER TABLE instrument ALTER COLUMN updated_at SET DEFAULT transaction_timestamp()',
  },
  {
    name: 'default pg_catalog.now() for now()',
    sql: 'ALTER TABLE position ALTER COLUMN created_at SET DEFAULT pg_catalog.now()',
  },
  {
    name: 'jsonb default with other whitespace',
    sql: `ALTER TABLE instrument ALTER COLUMN terms_json SET DEFAULT '{ }'::jsonb`,
  },
  {
    name: 'text default written with a varchar cast',
    sql: `ALTER TABLE run ALTER COLUMN status SET DEFAULT 'PENDING'::varchar`,
  },
  {
    name: 'trigger function body with comments, another layout and keyword case',
    sql: `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
          begin
            -- the shared updated_at maintenance
            new.updated_at   :=   now();   /* the transaction's time */
            return new;
          end;
          $$`,
  },
  {
    name: 'partial index predicate with the literal on the left',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy)
            INCLUDE (book_value) WHERE 'ACTIVE' = status`,
  },
];

describe('equivalent forms: the same meaning spelled differently conforms', () => {
  for (const form of equivalentForms) {
    it(form.name, async () => {
      await withClonedDatabase(async (url) => {
        await execute(url, form.sql);
        const report = await verifySchema(url, { strict: true });
        expect(report.checks.flatMap((check) => check.findings).map((finding) => finding.message)).toEqual([]);
        expect(report.conforms).toBe(true);
      });
    });
  }
});

describe('objects beyond the release, and what does not count', () => {
  it("another application's tables in the schema leave the release rules passing; they are warnings unless strict", async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        `CREATE TABLE crm_customer (customer_id int PRIMARY KEY);
         CREATE TABLE crm_order (order_id int PRIMARY KEY, customer_id int NOT NULL REFERENCES crm_customer)`,
      );
      for (const strict of [false, true]) {
        const report = await verifySchema(url, { strict, probes: false });
        expect(report.checks.filter((check) => check.category === 'rules' && check.status !== 'passed')).toEqual([]);
        const extras = report.checks.find((check) => check.id === 'catalog/unexpected/tables');
        expect(extras?.findings.map((finding) => [finding.object, finding.severity])).toEqual([
          ['crm_customer', strict ? 'error' : 'warning'],
          ['crm_order', strict ? 'error' : 'warning'],
        ]);
        expect(report.conforms).toBe(!strict);
      }
    });
  });

  it('an unindexed foreign key someone added to a release table is an extra object, not a rule violation', async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        'ALTER TABLE rating_history ADD CONSTRAINT rating_history_lineage_fkey FOREIGN KEY (rating) REFERENCES data_lineage',
      );
      const report = await verifySchema(url, { probes: false });
      expect(report.checks.find((check) => check.id === 'rules/foreign-keys-indexed')?.status).toBe('passed');
      const finding = report.checks
        .flatMap((check) => check.findings)
        .find((f) => f.object === 'rating_history_lineage_fkey');
      expect(finding).toMatchObject({ kind: 'unexpected', severity: 'warning' });
      expect(report.conforms).toBe(true);
    });
  });

  it('a namesake outside every search_path, or after the release schema, shadows nothing', async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        `CREATE SCHEMA archive; CREATE TABLE archive.position (LIKE public.position);
         CREATE SCHEMA late; CREATE VIEW late.run AS SELECT * FROM public.run;
         CREATE FUNCTION late.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         ${setDatabaseSearchPath('"$user", public, late')}`,
      );
      const report = await verifySchema(url, { strict: true, probes: false });
      expect(report.checks.find((check) => check.id === 'catalog/shadowing')).toMatchObject({
        status: 'passed',
        findings: [],
      });
      expect(report.conforms).toBe(true);
    });
  });

  it('a disabled rewrite rule and a policy while row-level security is off are warnings, even with strict', async () => {
    await withClonedDatabase(async (url) => {
      await execute(
        url,
        `CREATE RULE run_delete_nothing AS ON DELETE TO run DO INSTEAD NOTHING;
         ALTER TABLE run DISABLE RULE run_delete_nothing;
         CREATE POLICY instrument_cash_only ON instrument USING (instrument_type = 'CASH')`,
      );
      const report = await verifySchema(url, { strict: true });
      const findings = report.checks.flatMap((check) => check.findings);
      expect(findings.map((finding) => [finding.objectType, finding.object, finding.severity])).toEqual([
        ['policy', 'instrument_cash_only', 'warning'],
        ['rewrite rule', 'run_delete_nothing', 'warning'],
      ]);
      expect(report.conforms).toBe(true);
    });
  });
});
