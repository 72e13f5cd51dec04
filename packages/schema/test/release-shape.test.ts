import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { LEDGER_TABLE, MigrationShapeMismatchError, migrate, migrations, type ShapeDifference } from '../src/index.js';
import { catalogFingerprint } from './support/catalog-fingerprint.js';
import { psqlFile } from './support/psql.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

// The tables of release 001 exactly as sql/001_mvp_core.sql creates them; each case below breaks one thing.
const instrument = `CREATE TABLE instrument (
  instrument_id text PRIMARY KEY, instrument_type text NOT NULL, name text NOT NULL, currency text NOT NULL,
  isin text, cusip text, issuer_entity_id text, maturity_date date, terms_json jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT instrument_instrument_type_check
    CHECK (instrument_type IN ('LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD', 'CASH')),
  CONSTRAINT instrument_currency_check CHECK (currency ~ '^[A-Z]{3}$'))`;
const run = `CREATE TABLE run (
  run_id text PRIMARY KEY, run_type text NOT NULL, as_of_date date NOT NULL, status text NOT NULL DEFAULT 'PENDING',
  market_snapshot_id text, config_json jsonb NOT NULL DEFAULT '{}', started_at timestamptz, completed_at timestamptz,
  created_by text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT run_run_type_check CHECK (run_type IN ('VALUATION', 'RISK', 'STRESS')),
  CONSTRAINT run_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
  CONSTRAINT run_completed_after_started_check
    CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at))`;
const valuationResult = `CREATE TABLE valuation_result (
  valuation_result_id text PRIMARY KEY, run_id text NOT NULL, instrument_id text NOT NULL, measure text NOT NULL,
  scenario_id text NOT NULL DEFAULT 'BASE', value numeric NOT NULL, currency text,
  metadata_json jsonb NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT valuation_result_run_id_fkey FOREIGN KEY (run_id) REFERENCES run (run_id) ON DELETE CASCADE,
  CONSTRAINT valuation_result_instrument_id_fkey
    FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id) ON DELETE RESTRICT,
  CONSTRAINT valuation_result_measure_check
    CHECK (measure IN ('PV', 'CLEAN_PRICE', 'DIRTY_PRICE', 'ACCRUED', 'DV01', 'CS01', 'YIELD', 'SPREAD')),
  CONSTRAINT valuation_result_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
  CONSTRAINT valuation_result_run_instrument_measure_scenario_key UNIQUE (run_id, instrument_id, measure, scenario_id))`;

function replaced(ddl: string, search: string, replacement: string): string {
  if (!ddl.includes(search)) throw new Error(`test setup: "${search}" is not in the DDL`);
  return ddl.replace(search, replacement);
}

const { serverUrl } = inject('iprsTestDatabase');
const serverVersion = Number((await queryRows(serverUrl, 'SHOW server_version_num'))[0]?.server_version_num);

interface WrongShapeCase {
  readonly name: string;
  /** Run before migrate, as if the tables had been created by hand earlier. */
  readonly existing: readonly string[];
  readonly expected: Omit<ShapeDifference, 'problem'> & { readonly problem: RegExp };
}

const uniqueKey = 'CONSTRAINT valuation_result_run_instrument_measure_scenario_key UNIQUE';
const instrumentForeignKey = `CONSTRAINT valuation_result_instrument_id_fkey
    FOREIGN KEY (instrument_id) REFERENCES instrument (instrument_id) ON DELETE RESTRICT,`;
const statusCheck = "CONSTRAINT run_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),";

const cases: readonly WrongShapeCase[] = [
  {
    name: 'a missing column',
    existing: [replaced(run, 'created_by text, ', '')],
    expected: {
      table: 'run',
      objectType: 'column',
      object: 'run.created_by',
      problem: /^is missing \(expected text\)$/,
    },
  },
  {
    name: 'an extra NOT NULL column without a default',
    existing: [replaced(run, 'created_by text,', 'created_by text, legacy_code text NOT NULL,')],
    expected: { table: 'run', objectType: 'column', object: 'run.legacy_code', problem: /NOT NULL without a default/ },
  },
  {
    name: 'a column of the wrong type',
    existing: [replaced(run, 'as_of_date date NOT NULL', 'as_of_date timestamptz NOT NULL')],
    expected: {
      table: 'run',
      objectType: 'column',
      object: 'run.as_of_date',
      problem: /^has type timestamp with time zone, expected date$/,
    },
  },
  {
    name: 'a nullable column that should be NOT NULL',
    existing: [replaced(run, 'run_type text NOT NULL', 'run_type text')],
    expected: {
      table: 'run',
      objectType: 'column',
      object: 'run.run_type',
      problem: /^is nullable, expected NOT NULL$/,
    },
  },
  {
    name: 'a varchar column where the release has text',
    existing: [replaced(run, 'created_by text,', 'created_by varchar(40),')],
    expected: {
      table: 'run',
      objectType: 'column',
      object: 'run.created_by',
      problem: /^has type character varying\(40\), expected text$/,
    },
  },
  {
    name: 'a numeric column with a precision and scale the release does not give it',
    existing: [instrument, run, replaced(valuationResult, 'value numeric NOT NULL', 'value numeric(20,4) NOT NULL')],
    expected: {
      table: 'valuation_result',
      objectType: 'column',
      object: 'valuation_result.value',
      problem: /^has type numeric\(20,4\), expected numeric$/,
    },
  },
  {
    name: 'a column with another default',
    existing: [replaced(run, "status text NOT NULL DEFAULT 'PENDING'", "status text NOT NULL DEFAULT 'RUNNING'")],
    expected: {
      table: 'run',
      objectType: 'column',
      object: 'run.status',
      problem: /^has default 'RUNNING'::text, expected 'PENDING'::text$/,
    },
  },
  {
    name: 'a missing primary key',
    existing: [
      instrument,
      run,
      replaced(valuationResult, 'valuation_result_id text PRIMARY KEY', 'valuation_result_id text NOT NULL'),
    ],
    expected: {
      table: 'valuation_result',
      objectType: 'primary key',
      object: 'valuation_result_pkey',
      problem: /^is missing \(expected PRIMARY KEY \(valuation_result_id\)\)$/,
    },
  },
  {
    name: 'a missing unique key',
    existing: [
      instrument,
      run,
      replaced(valuationResult, `,\n  ${uniqueKey} (run_id, instrument_id, measure, scenario_id)`, ''),
    ],
    expected: {
      table: 'valuation_result',
      objectType: 'unique key',
      object: 'valuation_result_run_instrument_measure_scenario_key',
      problem: /^is missing \(expected UNIQUE \(run_id, instrument_id, measure, scenario_id\)\)$/,
    },
  },
  {
    name: 'a missing CHECK',
    existing: [replaced(run, statusCheck, '')],
    expected: {
      table: 'run',
      objectType: 'check constraint',
      object: 'run_status_check',
      problem: /^is missing \(expected CHECK/,
    },
  },
  {
    name: 'a CHECK that allows other values',
    existing: [replaced(run, "'COMPLETED', 'FAILED'", "'COMPLETED', 'FAILED', 'CANCELLED'")],
    expected: {
      table: 'run',
      objectType: 'check constraint',
      object: 'run_status_check',
      problem: /CANCELLED.*, expected CHECK/,
    },
  },
  {
    name: 'a missing foreign key',
    existing: [instrument, run, replaced(valuationResult, instrumentForeignKey, '')],
    expected: {
      table: 'valuation_result',
      objectType: 'foreign key',
      object: 'valuation_result_instrument_id_fkey',
      problem:
        /^is missing \(expected FOREIGN KEY \(instrument_id\) REFERENCES instrument\(instrument_id\) ON DELETE RESTRICT\)$/,
    },
  },
  {
    name: 'a foreign key with another ON DELETE action',
    existing: [instrument, run, replaced(valuationResult, 'ON DELETE CASCADE', 'ON DELETE SET NULL')],
    expected: {
      table: 'valuation_result',
      objectType: 'foreign key',
      object: 'valuation_result_run_id_fkey',
      problem: /SET NULL, expected .*CASCADE$/,
    },
  },
];

const withoutLedger = (fingerprint: readonly string[]) => fingerprint.filter((line) => !line.includes(LEDGER_TABLE));

describe('a pre-existing table with a release table name and the wrong shape', () => {
  it.each(cases)('$name: migrate fails naming it, records nothing, leaves nothing of the migration', async (wrong) => {
    const url = await createEmptyDatabase();
    await queryRows(url, wrong.existing.join(';\n'));
    const before = await catalogFingerprint(url);

    const error = await migrate(url, { to: '001' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationShapeMismatchError);
    const mismatch = error as MigrationShapeMismatchError;
    expect(mismatch.version).toBe('001');
    expect(mismatch.differences).toEqual([
      { ...wrong.expected, problem: expect.stringMatching(wrong.expected.problem) },
    ]);
    expect(mismatch.message).toContain(`${wrong.expected.objectType} ${wrong.expected.object} `);
    expect(mismatch.message).toContain('001_mvp_core.sql');
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE}`)).toEqual([]);
    expect(withoutLedger(await catalogFingerprint(url))).toEqual(before);
  });

  it.skipIf(serverVersion < 180_000)(
    'a NOT NULL left NOT VALID does not count as NOT NULL (PostgreSQL 18+): migrate refuses, then adopts once valid',
    async () => {
      const url = await createEmptyDatabase();
      const notValid = 'ALTER TABLE run ADD CONSTRAINT run_run_type_not_null NOT NULL run_type NOT VALID';
      await queryRows(url, [replaced(run, 'run_type text NOT NULL', 'run_type text'), notValid].join(';\n'));

      const error = await migrate(url, { to: '001' }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MigrationShapeMismatchError);
      expect((error as MigrationShapeMismatchError).differences).toEqual([
        { table: 'run', objectType: 'column', object: 'run.run_type', problem: 'is nullable, expected NOT NULL' },
      ]);
      await queryRows(url, 'ALTER TABLE run VALIDATE CONSTRAINT run_run_type_not_null');
      expect((await migrate(url, { to: '001' })).applied.map((applied) => applied.version)).toEqual(['001']);
    },
  );

  it('asks loadSameExpression about a default or CHECK spelled otherwise, only when the text differs', async () => {
    const url = await createEmptyDatabase();
    const respelled = replaced(
      replaced(run, 'DEFAULT now(), updated_at', 'DEFAULT CURRENT_TIMESTAMP, updated_at'),
      "CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED'))",
      "CHECK (status = 'PENDING' OR status = 'RUNNING' OR status = 'COMPLETED' OR status = 'FAILED')",
    );
    await queryRows(url, respelled);
    const asked: string[] = [];
    // Stands in for iprs verify's parser-based judge, which @iprs/cli passes.
    const loadSameExpression = async () => (expected: string | null, actual: string | null) => {
      asked.push(`${expected} ~ ${actual}`);
      return expected === actual || actual === 'CURRENT_TIMESTAMP' || String(actual).includes("OR (status = 'FAILED'");
    };

    const refused = await migrate(url, { to: '001' }).catch((caught: unknown) => caught);
    expect((refused as MigrationShapeMismatchError).differences.map((difference) => difference.object)).toEqual([
      'run.created_at',
      'run_status_check',
    ]);
    const result = await migrate(url, { to: '001', loadSameExpression });

    expect(result.applied.map((applied) => applied.version)).toEqual(['001']);
    expect(asked).toEqual(expect.arrayContaining(['now() ~ CURRENT_TIMESTAMP']));
  });

  it('adopts a pre-existing table that has exactly the release shape (no false alarms)', async () => {
    const url = await createEmptyDatabase();
    await queryRows(url, [instrument, run, valuationResult].join(';\n'));

    const result = await migrate(url, { to: '001' });

    expect(result.applied.map((applied) => applied.version)).toEqual(['001']);
  });

  it('adopts every release applied by hand with psql -f: the check passes on 001 to the newest and all are recorded', async () => {
    const url = await createEmptyDatabase();
    for (const migration of migrations) {
      await psqlFile(url, fileURLToPath(new URL(`../sql/${migration.filename}`, import.meta.url)));
    }

    const result = await migrate(url);

    expect(result.applied.map((applied) => applied.version)).toEqual(migrations.map((migration) => migration.version));
  });

  it('checkShape: false (for the manifest generator only) applies and records without the check', async () => {
    const url = await createEmptyDatabase();
    await queryRows(url, replaced(run, 'as_of_date date NOT NULL', 'as_of_date timestamptz NOT NULL'));

    const result = await migrate(url, { to: '001', checkShape: false });

    expect(result.applied.map((applied) => applied.version)).toEqual(['001']);
  });

  it('refuses a pre-existing index with a release index name but another definition (release 003)', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '002' });
    await queryRows(url, 'CREATE INDEX position_portfolio_node_id_base_ccy_active_idx ON position (portfolio_node_id)');
    const before = await catalogFingerprint(url);

    const error = await migrate(url).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationShapeMismatchError);
    expect((error as MigrationShapeMismatchError).differences).toEqual([
      {
        table: 'position',
        objectType: 'index',
        object: 'position_portfolio_node_id_base_ccy_active_idx',
        problem: expect.stringMatching(
          /^is CREATE INDEX .* USING btree \(portfolio_node_id\), expected .*INCLUDE \(book_value\)/,
        ),
      },
    ]);
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE} ORDER BY version`)).toEqual([
      { version: '001' },
      { version: '002' },
    ]);
    expect(await catalogFingerprint(url)).toEqual(before);
  });

  it('names every difference of a table wrong in several ways; release 002 leaves none of its tables', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '001' });
    await queryRows(url, 'CREATE TABLE fx_spot (pair text, snapshot_id text, spot_rate integer)');
    const before = await catalogFingerprint(url);

    const error = await migrate(url).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationShapeMismatchError);
    const differences = (error as MigrationShapeMismatchError).differences;
    expect(differences.every((difference) => difference.table === 'fx_spot')).toBe(true);
    expect(differences.map((difference) => `${difference.objectType} ${difference.object}`)).toEqual(
      expect.arrayContaining(['column fx_spot.spot_rate', 'column fx_spot.as_of_date', 'primary key fx_spot_pkey']),
    );
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE}`)).toEqual([{ version: '001' }]);
    expect(await catalogFingerprint(url)).toEqual(before);
  });
});
