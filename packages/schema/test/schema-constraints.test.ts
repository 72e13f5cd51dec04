import type pg from 'pg';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { LEDGER_TABLE } from '../src/index.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { deleteSampleRow, insertRow, insertSampleRows, sampleRow, sampleRows } from './support/sample-rows.js';

interface CheckCase {
  readonly constraint: string;
  readonly table: string;
  readonly column: string;
  readonly allowed: readonly string[];
  readonly rejected: readonly string[];
  /** Columns that must change together with this one for a row to be valid. */
  readonly companions?: (value: string) => Record<string, unknown>;
}

const notAnEnumValue = ['NOT_A_VALUE', 'bond', ''];

/** Every enumerated column of the spec (plus the designers' additions), with the spec's value lists. */
const enumChecks: readonly CheckCase[] = [
  {
    constraint: 'instrument_instrument_type_check',
    table: 'instrument',
    column: 'instrument_type',
    allowed: ['LOAN', 'BOND', 'CDS', 'EQUITY', 'FX_FORWARD', 'CASH'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'run_run_type_check',
    table: 'run',
    column: 'run_type',
    allowed: ['VALUATION', 'RISK', 'STRESS'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'run_status_check',
    table: 'run',
    column: 'status',
    allowed: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'valuation_result_measure_check',
    table: 'valuation_result',
    column: 'measure',
    allowed: ['PV', 'CLEAN_PRICE', 'DIRTY_PRICE', 'ACCRUED', 'DV01', 'CS01', 'YIELD', 'SPREAD'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'portfolio_node_node_type_check',
    table: 'portfolio_node',
    column: 'node_type',
    allowed: ['FUND', 'DESK', 'BOOK', 'STRATEGY'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'position_status_check',
    table: 'position',
    column: 'status',
    allowed: ['ACTIVE', 'CLOSED', 'DELETED'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'reference_data_entity_type_check',
    table: 'reference_data',
    column: 'entity_type',
    allowed: ['ISSUER', 'SECTOR', 'GEOGRAPHY', 'CURRENCY'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'rating_history_agency_check',
    table: 'rating_history',
    column: 'agency',
    allowed: ['SP', 'MOODYS', 'FITCH', 'DBRS'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'rating_history_outlook_check',
    table: 'rating_history',
    column: 'outlook',
    allowed: ['POSITIVE', 'STABLE', 'NEGATIVE', 'DEVELOPING'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'market_data_feed_feed_type_check',
    table: 'market_data_feed',
    column: 'feed_type',
    allowed: ['YIELD_CURVE', 'CREDIT_SPREAD', 'FX_SPOT', 'RATING'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'market_data_feed_validation_status_check',
    table: 'market_data_feed',
    column: 'validation_status',
    allowed: ['PENDING', 'PASS', 'WARN', 'FAIL'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'data_lineage_feed_type_check',
    table: 'data_lineage',
    column: 'feed_type',
    allowed: ['YIELD_CURVE', 'CREDIT_SPREAD', 'FX_SPOT', 'RATING', 'LOAN_SERVICING', 'MARKET_DATA', 'POSITION_UPLOAD'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'ingestion_batch_batch_type_check',
    table: 'ingestion_batch',
    column: 'batch_type',
    allowed: ['LOAN_SERVICING', 'MARKET_DATA', 'POSITION_UPLOAD'],
    rejected: notAnEnumValue,
  },
  {
    constraint: 'ingestion_batch_status_check',
    table: 'ingestion_batch',
    column: 'status',
    allowed: ['STARTED', 'VALIDATING', 'COMPLETED', 'FAILED'],
    rejected: notAnEnumValue,
    // A terminal batch must say when it completed (ingestion_batch_completed_at_check).
    companions: (status) => ({ completed_at: ['COMPLETED', 'FAILED'].includes(status) ? new Date() : null }),
  },
];

/** The spec's non-enum CHECKs: currency codes, the FX pair shape and a positive spot rate. */
const shapeChecks: readonly CheckCase[] = [
  {
    constraint: 'fx_spot_pair_check',
    table: 'fx_spot',
    column: 'pair',
    allowed: ['EUR/USD', 'USD/JPY'],
    rejected: ['EURUSD', 'EUR/EUR', 'eur/usd', 'EUR/USDX', 'EU/USD'],
  },
  {
    constraint: 'fx_spot_spot_rate_check',
    table: 'fx_spot',
    column: 'spot_rate',
    allowed: ['0.0001', '150.25'],
    rejected: ['0', '-1.5'],
  },
  {
    constraint: 'instrument_currency_check',
    table: 'instrument',
    column: 'currency',
    allowed: ['USD', 'EUR'],
    rejected: ['usd', 'US', 'USDD'],
  },
  {
    constraint: 'position_base_ccy_check',
    table: 'position',
    column: 'base_ccy',
    allowed: ['GBP'],
    rejected: ['gbp', 'GB'],
  },
];

const parentsOf = (table: string): string[] =>
  sampleRows
    .slice(
      0,
      sampleRows.findIndex((sample) => sample.table === table),
    )
    .map((sample) => sample.table);

/** Runs `work` inside a transaction that is always rolled back, with the parent rows of `table` in place. */
async function withParents(url: string, table: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      await insertSampleRows(client, parentsOf(table));
      await work(client);
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

async function tryInsert(client: pg.Client, table: string, row: Record<string, unknown>): Promise<unknown> {
  await client.query('SAVEPOINT attempt');
  try {
    await insertRow(client, table, row);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await client.query('ROLLBACK TO SAVEPOINT attempt');
  }
}

// A clone of the run's template, which the global setup migrated with this package's runner.
const url = await useMigratedDatabase();

describe('CHECK constraints', () => {
  it('the enum cases below cover every single-column IN (…) CHECK in the schema', async () => {
    const rows = await queryRows<{ conname: string }>(
      url,
      `SELECT conname FROM pg_constraint
        WHERE contype = 'c' AND connamespace = current_schema()::regnamespace
          AND cardinality(conkey) = 1 AND pg_get_constraintdef(oid) LIKE '%= ANY (ARRAY[%'
          AND conrelid <> $1::regclass
        ORDER BY conname`,
      [LEDGER_TABLE],
    );
    expect(rows.map((row) => row.conname)).toEqual(enumChecks.map((check) => check.constraint).sort());
  });

  it.each([...enumChecks, ...shapeChecks].map((check) => [check.constraint, check] as const))(
    '%s rejects bad values with SQLSTATE 23514 and accepts the allowed ones',
    async (_name, check) => {
      await withParents(url, check.table, async (client) => {
        const base = { ...sampleRow(check.table).row };
        for (const value of check.rejected) {
          const error = await tryInsert(client, check.table, { ...base, [check.column]: value });
          expect(error, `${check.column} = '${value}' must be rejected`).toMatchObject({
            code: '23514',
            constraint: check.constraint,
          });
        }
        for (const value of check.allowed) {
          const row = { ...base, [check.column]: value, ...check.companions?.(value) };
          expect(await tryInsert(client, check.table, row), `${check.column} = '${value}' must be accepted`).toBe(
            undefined,
          );
        }
      });
    },
  );
});

describe('test rows', () => {
  it("inserts and removes the spec's FUND node test-port-1 and ISSUER test-issuer-1", async () => {
    await withClient(url, async (client) => {
      await client.query(
        "INSERT INTO portfolio_node (portfolio_node_id, name, node_type) VALUES ('test-port-1', 'Test Portfolio', 'FUND')",
      );
      await client.query(
        "INSERT INTO reference_data (entity_id, entity_type, name) VALUES ('test-issuer-1', 'ISSUER', 'Test Issuer')",
      );
      const inserted = await client.query(
        `SELECT (SELECT node_type FROM portfolio_node WHERE portfolio_node_id = 'test-port-1') AS node_type,
                (SELECT entity_type FROM reference_data WHERE entity_id = 'test-issuer-1') AS entity_type`,
      );
      expect(inserted.rows[0]).toEqual({ node_type: 'FUND', entity_type: 'ISSUER' });

      expect((await client.query("DELETE FROM portfolio_node WHERE portfolio_node_id = 'test-port-1'")).rowCount).toBe(
        1,
      );
      expect((await client.query("DELETE FROM reference_data WHERE entity_id = 'test-issuer-1'")).rowCount).toBe(1);
      const left = await client.query(
        `SELECT (SELECT count(*) FROM portfolio_node) + (SELECT count(*) FROM reference_data) AS count`,
      );
      expect(left.rows[0]).toEqual({ count: '0' });
    });
  });

  it('inserts a row into every table and removes it again, children first', async () => {
    const tables = await queryRows<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1`,
      [LEDGER_TABLE],
    );
    expect(sampleRows.map((sample) => sample.table).sort()).toEqual(tables.map((row) => row.table_name).sort());

    await withClient(url, async (client) => {
      await insertSampleRows(client);
      for (const sample of sampleRows) {
        const { rows } = await client.query(`SELECT count(*)::int AS count FROM ${sample.table}`);
        expect(rows[0], sample.table).toEqual({ count: 1 });
      }
      for (const sample of [...sampleRows].reverse()) {
        expect(await deleteSampleRow(client, sample), sample.table).toBe(1);
      }
      for (const sample of sampleRows) {
        const { rows } = await client.query(`SELECT count(*)::int AS count FROM ${sample.table}`);
        expect(rows[0], sample.table).toEqual({ count: 0 });
      }
    });
  });

  it('maintains updated_at through the shared set_updated_at() trigger', async () => {
    await withClient(url, async (client) => {
      await client.query('BEGIN');
      try {
        await insertSampleRows(client, ['instrument']);
        await client.query("UPDATE instrument SET updated_at = '2000-01-01' WHERE instrument_id = 'test-instrument-1'");
        const { rows } = await client.query(
          "SELECT updated_at = now() AS touched FROM instrument WHERE instrument_id = 'test-instrument-1'",
        );
        expect(rows[0]).toEqual({ touched: true });
      } finally {
        await client.query('ROLLBACK');
      }
    });
  });
});
