import { describe, expect, it } from 'vitest';
import { verifySchema, type Finding, type FindingKind, type VerificationReport } from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

interface Mutation {
  readonly name: string;
  readonly sql: string;
  /** The object a finding must name. */
  readonly object: string;
  readonly kind: FindingKind;
  /** Unexpected extras only warn unless strict: such mutations are checked in both modes. */
  readonly extra?: boolean;
}

const ledger = 'iprs_schema_migrations';

// Each is applied alone to a fresh clone of the migrated database; together they cover every property the manifest
// records, including the three pgTAP missed (ON DELETE RESTRICT → CASCADE, a lost partial-index predicate, an added
// enum value).
const mutations: readonly Mutation[] = [
  // Indexes
  { name: 'drop an index', sql: 'DROP INDEX reference_data_isin_idx', object: 'reference_data_isin_idx', kind: 'missing' },
  {
    name: 'index on another column',
    sql: 'DROP INDEX position_instrument_id_idx; CREATE INDEX position_instrument_id_idx ON position (portfolio_node_id)',
    object: 'position_instrument_id_idx',
    kind: 'different',
  },
  {
    name: 'index columns reordered',
    sql: `DROP INDEX position_portfolio_node_id_instrument_id_idx;
          CREATE INDEX position_portfolio_node_id_instrument_id_idx ON position (instrument_id, portfolio_node_id)`,
    object: 'position_portfolio_node_id_instrument_id_idx',
    kind: 'different',
  },
  {
    name: 'index gains a column',
    sql: 'DROP INDEX fx_spot_snapshot_id_idx; CREATE INDEX fx_spot_snapshot_id_idx ON fx_spot (snapshot_id, pair)',
    object: 'fx_spot_snapshot_id_idx',
    kind: 'different',
  },
  {
    name: 'index becomes unique',
    sql: 'DROP INDEX reference_data_ticker_idx; CREATE UNIQUE INDEX reference_data_ticker_idx ON reference_data (ticker)',
    object: 'reference_data_ticker_idx',
    kind: 'different',
  },
  {
    name: 'partial index loses its predicate',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy) INCLUDE (book_value)`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
  },
  {
    name: 'partial index predicate changed',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy)
            INCLUDE (book_value) WHERE status = 'CLOSED'`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
  },
  {
    name: 'index loses its INCLUDE column',
    sql: `DROP INDEX position_portfolio_node_id_base_ccy_active_idx;
          CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id, base_ccy) WHERE status = 'ACTIVE'`,
    object: 'position_portfolio_node_id_base_ccy_active_idx',
    kind: 'different',
  },
  {
    name: 'index access method changed',
    sql: 'DROP INDEX data_lineage_feed_id_idx; CREATE INDEX data_lineage_feed_id_idx ON data_lineage USING hash (feed_id)',
    object: 'data_lineage_feed_id_idx',
    kind: 'different',
  },
  {
    name: 'index sort order changed (DESC lost)',
    sql: 'DROP INDEX run_as_of_date_idx; CREATE INDEX run_as_of_date_idx ON run (as_of_date)',
    object: 'run_as_of_date_idx',
    kind: 'different',
  },
  {
    name: 'index NULLS ordering changed',
    sql: 'DROP INDEX run_as_of_date_idx; CREATE INDEX run_as_of_date_idx ON run (as_of_date DESC NULLS LAST)',
    object: 'run_as_of_date_idx',
    kind: 'different',
  },
  {
    name: 'index left invalid (as by a failed CREATE INDEX CONCURRENTLY)',
    sql: "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'rating_history_entity_id_as_of_date_idx'::regclass",
    object: 'rating_history_entity_id_as_of_date_idx',
    kind: 'different',
  },
  {
    name: 'an extra index a DBA added',
    sql: 'CREATE INDEX run_status_idx ON run (status)',
    object: 'run_status_idx',
    kind: 'unexpected',
    extra: true,
  },
  // Foreign keys
  {
    name: 'drop a foreign key',
    sql: 'ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey',
    object: 'position_instrument_id_fkey',
    kind: 'missing',
  },
  {
    name: 'foreign key retargeted',
    sql: `ALTER TABLE position DROP CONSTRAINT position_instrument_id_fkey,
            ADD CONSTRAINT position_instrument_id_fkey FOREIGN KEY (instrument_id) REFERENCES reference_data (entity_id)`,
    object: 'position_instrument_id_fkey',
    kind: 'different',
  },
  {
    name: 'ON DELETE RESTRICT becomes CASCADE',
    sql: `ALTER TABLE portfolio_snapshot DROP CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey,
            ADD CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE CASCADE`,
    object: 'portfolio_snapshot_portfolio_node_id_fkey',
    kind: 'different',
  },
  {
    name: 'ON DELETE CASCADE becomes RESTRICT',
    sql: `ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_run_id_fkey,
            ADD CONSTRAINT valuation_result_run_id_fkey FOREIGN KEY (run_id) REFERENCES run (run_id) ON DELETE RESTRICT`,
    object: 'valuation_result_run_id_fkey',
    kind: 'different',
  },
  {
    name: 'ON DELETE RESTRICT becomes SET NULL',
    sql: `ALTER TABLE portfolio_node DROP CONSTRAINT portfolio_node_parent_id_fkey,
            ADD CONSTRAINT portfolio_node_parent_id_fkey FOREIGN KEY (parent_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE SET NULL`,
    object: 'portfolio_node_parent_id_fkey',
    kind: 'different',
  },
  {
    name: 'ON DELETE RESTRICT becomes NO ACTION',
    sql: `ALTER TABLE reference_data DROP CONSTRAINT reference_data_parent_entity_id_fkey,
            ADD CONSTRAINT reference_data_parent_entity_id_fkey FOREIGN KEY (parent_entity_id) REFERENCES reference_data (entity_id)`,
    object: 'reference_data_parent_entity_id_fkey',
    kind: 'different',
  },
  {
    name: 'ON UPDATE changed',
    sql: `ALTER TABLE position DROP CONSTRAINT position_portfolio_node_id_fkey,
            ADD CONSTRAINT position_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
              REFERENCES portfolio_node (portfolio_node_id) ON DELETE RESTRICT ON UPDATE CASCADE`,
    object: 'position_portfolio_node_id_fkey',
    kind: 'different',
  },
  {
    name: 'foreign key made deferrable',
    sql: `ALTER TABLE rating_history DROP CONSTRAINT rating_history_entity_id_fkey,
            ADD CONSTRAINT rating_history_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES reference_data (entity_id)
              ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
    object: 'rating_history_entity_id_fkey',
    kind: 'different',
  },
  {
    name: 'foreign key NOT VALID',
    sql: `ALTER TABLE valuation_result DROP CONSTRAINT valuation_result_instrument_id_fkey,
            ADD CONSTRAINT valuation_result_instrument_id_fkey FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id)
              ON DELETE RESTRICT NOT VALID`,
    object: 'valuation_result_instrument_id_fkey',
    kind: 'different',
  },
  // Enumeration CHECKs
  {
    name: 'enum gains a value',
    sql: `ALTER TABLE position DROP CONSTRAINT position_status_check,
            ADD CONSTRAINT position_status_check CHECK (status IN ('ACTIVE', 'CLOSED', 'DELETED', 'PENDING'))`,
    object: 'position_status_check',
    kind: 'different',
  },
  {
    name: 'enum loses a value',
    sql: `ALTER TABLE instrument DROP CONSTRAINT instrument_instrument_type_check,
            ADD CONSTRAINT instrument_instrument_type_check
              CHECK (instrument_type IN ('LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD'))`,
    object: 'instrument_instrument_type_check',
    kind: 'different',
  },
  {
    name: 'drop an enum CHECK',
    sql: 'ALTER TABLE run DROP CONSTRAINT run_status_check',
    object: 'run_status_check',
    kind: 'missing',
  },
  {
    name: 'enum CHECK no longer admits NULL',
    sql: `ALTER TABLE rating_history DROP CONSTRAINT rating_history_outlook_check,
            ADD CONSTRAINT rating_history_outlook_check CHECK (outlook IN ('POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'))`,
    object: 'rating_history_outlook_check',
    kind: 'different',
  },
  {
    name: 'enum CHECK renamed',
    sql: 'ALTER TABLE market_data_feed RENAME CONSTRAINT market_data_feed_feed_type_check TO market_data_feed_type_check',
    object: 'market_data_feed_feed_type_check',
    kind: 'missing',
  },
  // Other CHECKs
  {
    name: 'pair-format check loosened (sides may be equal)',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_pair_check,
            ADD CONSTRAINT fx_spot_pair_check CHECK (pair ~ '^[A-Z]{3}/[A-Z]{3}$')`,
    object: 'fx_spot_pair_check',
    kind: 'different',
  },
  {
    name: 'drop a CHECK',
    sql: 'ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_spot_rate_check',
    object: 'fx_spot_spot_rate_check',
    kind: 'missing',
  },
  {
    name: 'CHECK bound changed',
    sql: `ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_spot_rate_check,
            ADD CONSTRAINT fx_spot_spot_rate_check CHECK (spot_rate >= 0)`,
    object: 'fx_spot_spot_rate_check',
    kind: 'different',
  },
  {
    name: 'CHECK NOT VALID',
    sql: `ALTER TABLE ingestion_batch DROP CONSTRAINT ingestion_batch_record_count_check,
            ADD CONSTRAINT ingestion_batch_record_count_check CHECK (record_count >= 0) NOT VALID`,
    object: 'ingestion_batch_record_count_check',
    kind: 'different',
  },
  // Columns
  {
    name: 'column type changed',
    sql: 'ALTER TABLE position ALTER COLUMN quantity TYPE double precision',
    object: 'position.quantity',
    kind: 'different',
  },
  {
    name: 'column type modifier added',
    sql: 'ALTER TABLE valuation_result ALTER COLUMN value TYPE numeric(18, 6)',
    object: 'valuation_result.value',
    kind: 'different',
  },
  {
    name: 'column loses NOT NULL',
    sql: 'ALTER TABLE instrument ALTER COLUMN name DROP NOT NULL',
    object: 'instrument.name',
    kind: 'different',
  },
  {
    name: 'column gains NOT NULL',
    sql: 'ALTER TABLE instrument ALTER COLUMN isin SET NOT NULL',
    object: 'instrument.isin',
    kind: 'different',
  },
  {
    name: 'column default changed',
    sql: "ALTER TABLE position ALTER COLUMN status SET DEFAULT 'CLOSED'",
    object: 'position.status',
    kind: 'different',
  },
  {
    name: 'column default dropped',
    sql: 'ALTER TABLE run ALTER COLUMN config_json DROP DEFAULT',
    object: 'run.config_json',
    kind: 'different',
  },
  {
    name: 'column collation changed',
    sql: 'ALTER TABLE instrument ALTER COLUMN name TYPE text COLLATE "C"',
    object: 'instrument.name',
    kind: 'different',
  },
  {
    name: 'missing column',
    sql: 'ALTER TABLE reference_data DROP COLUMN sector',
    object: 'reference_data.sector',
    kind: 'missing',
  },
  {
    name: 'extra column',
    sql: 'ALTER TABLE portfolio_node ADD COLUMN owner text',
    object: 'portfolio_node.owner',
    kind: 'unexpected',
    extra: true,
  },
  // Tables
  {
    name: 'missing table',
    sql: 'DROP TABLE data_lineage',
    object: 'data_lineage',
    kind: 'missing',
  },
  {
    name: 'extra table',
    sql: 'CREATE TABLE audit_log (audit_id bigint PRIMARY KEY, note text)',
    object: 'audit_log',
    kind: 'unexpected',
    extra: true,
  },
  { name: 'table made UNLOGGED', sql: 'ALTER TABLE fx_spot SET UNLOGGED', object: 'fx_spot', kind: 'different' },
  {
    name: 'row level security enabled',
    sql: 'ALTER TABLE position ENABLE ROW LEVEL SECURITY',
    object: 'position',
    kind: 'different',
  },
  // Keys
  {
    name: 'drop a unique key',
    sql: 'ALTER TABLE portfolio_snapshot DROP CONSTRAINT portfolio_snapshot_portfolio_node_id_payload_hash_key',
    object: 'portfolio_snapshot_portfolio_node_id_payload_hash_key',
    kind: 'missing',
  },
  {
    name: 'unique key columns changed',
    sql: `ALTER TABLE market_data_feed DROP CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key,
            ADD CONSTRAINT market_data_feed_feed_type_as_of_date_payload_hash_key UNIQUE (feed_type, payload_hash)`,
    object: 'market_data_feed_feed_type_as_of_date_payload_hash_key',
    kind: 'different',
  },
  {
    name: 'primary key columns changed',
    sql: 'ALTER TABLE fx_spot DROP CONSTRAINT fx_spot_pkey, ADD CONSTRAINT fx_spot_pkey PRIMARY KEY (pair, snapshot_id, as_of_date)',
    object: 'fx_spot_pkey',
    kind: 'different',
  },
  {
    name: 'primary key renamed',
    sql: 'ALTER TABLE ingestion_batch RENAME CONSTRAINT ingestion_batch_pkey TO ingestion_batch_id_pk',
    object: 'ingestion_batch_pkey',
    kind: 'different',
  },
  // Triggers and functions
  {
    name: 'drop a trigger',
    sql: 'DROP TRIGGER instrument_set_updated_at ON instrument',
    object: 'instrument_set_updated_at',
    kind: 'missing',
  },
  {
    name: 'trigger disabled',
    sql: 'ALTER TABLE run DISABLE TRIGGER run_set_updated_at',
    object: 'run_set_updated_at',
    kind: 'different',
  },
  {
    name: 'trigger fires on other events',
    sql: `CREATE OR REPLACE TRIGGER position_set_updated_at BEFORE INSERT OR UPDATE ON position
            FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
    object: 'position_set_updated_at',
    kind: 'different',
  },
  {
    name: 'extra trigger',
    sql: 'CREATE TRIGGER fx_spot_set_updated_at BEFORE UPDATE ON fx_spot FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
    object: 'fx_spot_set_updated_at',
    kind: 'unexpected',
    extra: true,
  },
  {
    name: 'trigger function body changed',
    sql: `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RETURN NEW; END; $$`,
    object: 'set_updated_at()',
    kind: 'different',
  },
  {
    name: 'extra function',
    sql: 'CREATE FUNCTION iprs_helper() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    object: 'iprs_helper()',
    kind: 'unexpected',
    extra: true,
  },
  // Migration ledger
  {
    name: 'tampered ledger checksum',
    sql: `UPDATE ${ledger} SET checksum = repeat('0', 64) WHERE version = '002'`,
    object: '002_portfolio_data_services.sql',
    kind: 'different',
  },
  {
    name: 'migration missing from the ledger',
    sql: `DELETE FROM ${ledger} WHERE version = '001'`,
    object: '001_mvp_core.sql',
    kind: 'missing',
  },
  {
    name: 'unknown migration in the ledger',
    sql: `INSERT INTO ${ledger} (version, name, checksum, execution_ms) VALUES ('999', 'from_the_future', repeat('a', 64), 1)`,
    object: '999_from_the_future',
    kind: 'unexpected',
  },
  {
    name: 'ledger table dropped',
    sql: `DROP TABLE ${ledger}`,
    object: '001_mvp_core.sql',
    kind: 'missing',
  },
];

function findingsFor(report: VerificationReport, mutation: Mutation): Finding[] {
  return report.checks
    .flatMap((check) => check.findings)
    .filter((finding) => finding.object === mutation.object && finding.kind === mutation.kind);
}

describe('mutation suite: every schema change is reported, naming the changed object', () => {
  it('has at least 40 distinct mutations', () => {
    expect(new Set(mutations.map((mutation) => mutation.name)).size).toBe(mutations.length);
    expect(new Set(mutations.map((mutation) => mutation.sql)).size).toBe(mutations.length);
    expect(mutations.length).toBeGreaterThanOrEqual(40);
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
    it(`${mutation.name} → ${mutation.kind} ${mutation.object}`, async () => {
      await withClonedDatabase(async (url) => {
        await execute(url, mutation.sql);
        const report = await verifySchema(url);
        const findings = findingsFor(report, mutation);
        expect(findings, JSON.stringify(report.checks.flatMap((check) => check.findings).map((f) => f.message))).not.toEqual([]);
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
