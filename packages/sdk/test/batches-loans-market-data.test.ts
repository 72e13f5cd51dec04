import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLoansFile } from '../src/batches/ingest-loans-file.js';
import { ingestMarketDataFile } from '../src/batches/ingest-market-data-file.js';
import { createPool } from '../src/connection/create-pool.js';
import { traceLineage } from '../src/lineage/trace-lineage.js';
import { createNode } from '../src/portfolio/create-node.js';
import { createReferenceEntity } from '../src/reference/create-reference-entity.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const directory = await mkdtemp(join(tmpdir(), 'iprs-batches-'));
const count = (table: string) =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM ${sql.identifier([table])}`);

async function file(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'FUND-L', name: 'Loans fund', node_type: 'FUND' });
  await createReferenceEntity(pool, { entity_id: 'BORROWER-1', entity_type: 'ISSUER', name: 'Borrower One' });
});

const loanHeader =
  'loan_id,name,currency,borrower_entity_id,maturity_date,facility_type,coupon_type,coupon_rate,spread_bps,portfolio_node_id,position_id,outstanding_principal,book_value';

describe('LOAN_SERVICING from CSV', () => {
  it('upserts LOAN instruments with their terms and the positions holding them', async () => {
    const path = await file(
      'loans.csv',
      [
        loanHeader,
        'LN-1,Term loan B,USD,BORROWER-1,2030-06-30,TERM_LOAN,FLOATING,,325,FUND-L,POS-LN-1,25000000,24750000',
        'LN-2,Revolver,EUR,,2028-01-31,REVOLVER,FIXED,0.0475,,FUND-L,POS-LN-2,5000000.00,5000000',
        '',
      ].join('\n'),
    );
    const result = await ingestLoansFile(pool, { file: path });
    expect(result).toMatchObject({
      errors: [],
      rowsWritten: 2,
      batch: { status: 'COMPLETED', batch_type: 'LOAN_SERVICING' },
    });
    const loan = await pool.one(sql.type(
      z.object({ instrument_type: z.string(), terms_json: z.unknown(), issuer_entity_id: z.string().nullable() }),
    )`
      SELECT instrument_type, terms_json, issuer_entity_id FROM instrument WHERE instrument_id = 'LN-1'`);
    expect(loan).toEqual({
      instrument_type: 'LOAN',
      issuer_entity_id: 'BORROWER-1',
      terms_json: { facility_type: 'TERM_LOAN', coupon_type: 'FLOATING', spread_bps: '325' },
    });
    const position = await pool.one(sql.type(z.object({ quantity: z.string(), base_ccy: z.string() }))`
      SELECT quantity, base_ccy FROM position WHERE position_id = 'POS-LN-2'`);
    expect(position).toEqual({ quantity: '5000000', base_ccy: 'EUR' });
  });

  it('fails a file with bad rows and writes neither instruments nor positions', async () => {
    const instruments = await count('instrument');
    const positions = await count('position');
    const path = await file(
      'bad-loans.csv',
      [
        loanHeader,
        'LN-3,Good,USD,,,,,,,FUND-L,POS-LN-3,100,100',
        'LN-4,Bad currency,US,,,,,,,FUND-L,POS-LN-4,100,100',
        'LN-5,Unknown borrower,USD,NOBODY,2031-02-30,,SOMETIMES,,,FUND-L,POS-LN-5,100,100',
      ].join('\n'),
    );
    const result = await ingestLoansFile(pool, { file: path });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'currency'],
      [4, 'maturity_date'],
      [4, 'coupon_type'],
    ]);
    expect(await count('instrument')).toBe(instruments);
    expect(await count('position')).toBe(positions);
  });

  it('reports a borrower missing from reference data', async () => {
    const path = await file('orphan-loan.csv', `${loanHeader}\nLN-6,Orphan,USD,NOBODY,,,,,,FUND-L,POS-LN-6,1,1\n`);
    const result = await ingestLoansFile(pool, { file: path });
    expect(result.errors).toEqual([
      { row: 2, column: 'borrower_entity_id', reason: 'entity "NOBODY" is not in reference data' },
    ]);
  });
});

describe('a loan id already taken by an instrument of another type', () => {
  const takenRow = 'BOND-TAKEN,Not a loan,USD,,,,,,,FUND-L,POS-LN-TAKEN,100,100';
  const bond = sql.type(z.object({ instrument_type: z.string(), name: z.string() }))`
    SELECT instrument_type, name FROM instrument WHERE instrument_id = 'BOND-TAKEN'`;
  const takenError = {
    row: 3,
    column: 'loan_id',
    reason: '"BOND-TAKEN" is already a BOND instrument, not a LOAN; give the loan its own id',
  };

  beforeAll(async () => {
    await pool.query(sql.unsafe`
      INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('BOND-TAKEN', 'BOND', 'A bond', 'USD')`);
  });

  it('is a row error: the batch fails, and neither the bond nor any position is touched', async () => {
    const positions = await count('position');
    const path = await file('taken-loan.csv', `${loanHeader}\nLN-7,Fine,USD,,,,,,,FUND-L,POS-LN-7,1,1\n${takenRow}\n`);
    const result = await ingestLoansFile(pool, { file: path });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors).toEqual([takenError]);
    expect(await pool.one(bond)).toEqual({ instrument_type: 'BOND', name: 'A bond' });
    expect(await count('position')).toBe(positions);
  });

  it('with skip-bad-rows, writes the other loans and no position on the bond', async () => {
    const path = await file(
      'taken-loan-skip.csv',
      `${loanHeader}\nLN-8,Fine,USD,,,,,,,FUND-L,POS-LN-8,1,1\n${takenRow}\n`,
    );
    const result = await ingestLoansFile(pool, { file: path, atomicity: 'skip-bad-rows' });
    expect(result).toMatchObject({ errors: [takenError], rowsWritten: 1, batch: { status: 'COMPLETED' } });
    const held = sql.type(
      z.object({ position_id: z.string() }),
    )`SELECT position_id FROM position WHERE instrument_id = 'BOND-TAKEN'`;
    expect(await pool.any(held)).toEqual([]);
    expect(await pool.one(bond)).toEqual({ instrument_type: 'BOND', name: 'A bond' });
  });
});

describe('MARKET_DATA from JSON', () => {
  const feeds = [
    {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'ecb',
      payload: { snapshot_id: 'FX-MD', quotes: [{ pair: 'EUR/USD', rate: '1.08' }] },
    },
    {
      feed_type: 'RATING',
      as_of_date: '2026-01-15',
      source: 'agency',
      payload: { ratings: [{ entity_id: 'BORROWER-1', agency: 'FITCH', rating: 'BB' }] },
    },
  ];

  it('ingests every feed with lineage naming the batch; re-upload is detected', async () => {
    const path = await file('market.json', JSON.stringify({ feeds }));
    const result = await ingestMarketDataFile(pool, { file: path });
    expect(result).toMatchObject({
      errors: [],
      rowsRead: 2,
      rowsWritten: 2,
      batch: { status: 'COMPLETED', batch_type: 'MARKET_DATA' },
    });
    expect(await count('fx_spot')).toBe(1);
    expect(await count('rating_history')).toBe(1);
    const feedId = await pool.oneFirst(
      sql.type(z.object({ feed_id: z.string() }))`SELECT feed_id FROM market_data_feed WHERE feed_type = 'RATING'`,
    );
    expect((await traceLineage(pool, feedId)).parentBatch?.batch_id).toBe(result.batch.batch_id);
    expect((await ingestMarketDataFile(pool, { file: path })).duplicate).toBe(true);
  });

  it('fails the batch on a FAIL feed and stores none of its feeds', async () => {
    const feedsBefore = await count('market_data_feed');
    const path = await file(
      'bad-market.json',
      JSON.stringify({
        feeds: [
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-16',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD2', quotes: [{ pair: 'EUR/USD', rate: '1.09' }] },
          },
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-16',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD3', quotes: [{ pair: 'EUR/USD', rate: '-1' }] },
          },
          { feed_type: 'FX_SPOT', as_of_date: 'yesterday', source: 'ecb', payload: {} },
        ],
      }),
    );
    const result = await ingestMarketDataFile(pool, { file: path });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors).toEqual([
      { row: 2, column: 'payload.quotes.0.rate', reason: expect.stringContaining('RATE_POSITIVE') },
      { row: 3, column: 'as_of_date', reason: expect.any(String) },
    ]);
    expect(await count('market_data_feed')).toBe(feedsBefore);
    expect(await count('fx_spot')).toBe(1);
  });

  it("reports a feed the database refuses as that feed's error and still checks the others, storing nothing", async () => {
    const before = {
      feeds: await count('market_data_feed'),
      spots: await count('fx_spot'),
      ratings: await count('rating_history'),
    };
    const path = await file(
      'conflicting-market.json',
      JSON.stringify({
        feeds: [
          // FX-MD is already stored as of 2026-01-15 (first test): snapshots are immutable, so this feed FAILs.
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-17',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD', quotes: [{ pair: 'EUR/USD', rate: '1.10' }] },
          },
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-17',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD4', quotes: [{ pair: 'EUR/USD', rate: '0' }] },
          },
          {
            feed_type: 'RATING',
            as_of_date: '2026-01-17',
            source: 'agency',
            payload: { ratings: [{ entity_id: 'BORROWER-1', agency: 'SP', rating: 'BB-' }] },
          },
        ],
      }),
    );
    const result = await ingestMarketDataFile(pool, { file: path });
    expect(result).toMatchObject({ rowsRead: 3, rowsWritten: 0, batch: { status: 'FAILED' } });
    expect(result.errors).toEqual([
      { row: 1, column: 'payload.snapshot_id', reason: expect.stringContaining('SNAPSHOT_IMMUTABLE') },
      { row: 2, column: 'payload.quotes.0.rate', reason: expect.stringContaining('RATE_POSITIVE') },
    ]);
    expect(result.batch.validation_errors_json).toEqual(result.errors);
    expect({
      feeds: await count('market_data_feed'),
      spots: await count('fx_spot'),
      ratings: await count('rating_history'),
    }).toEqual(before);
  });

  it('with skip-bad-rows, stores the feeds after one the database refused', async () => {
    const path = await file(
      'conflicting-market-skip.json',
      JSON.stringify({
        feeds: [
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-18',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD', quotes: [{ pair: 'EUR/USD', rate: '1.11' }] },
          },
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-18',
            source: 'ecb',
            payload: { snapshot_id: 'FX-MD5', quotes: [{ pair: 'EUR/USD', rate: '1.11' }] },
          },
        ],
      }),
    );
    const result = await ingestMarketDataFile(pool, { file: path, atomicity: 'skip-bad-rows' });
    expect(result).toMatchObject({ rowsRead: 2, rowsWritten: 1, batch: { status: 'COMPLETED' } });
    expect(result.errors).toEqual([
      { row: 1, column: 'payload.snapshot_id', reason: expect.stringContaining('SNAPSHOT_IMMUTABLE') },
    ]);
    const snapshots = await pool.anyFirst(sql.type(z.object({ snapshot_id: z.string() }))`
      SELECT snapshot_id FROM fx_spot WHERE snapshot_id LIKE 'FX-MD%' ORDER BY snapshot_id`);
    expect(snapshots).toEqual(['FX-MD', 'FX-MD5']);
    const stored = await pool.anyFirst(sql.type(z.object({ validation_status: z.string() }))`
      SELECT validation_status FROM market_data_feed WHERE as_of_date = '2026-01-18' ORDER BY validation_status`);
    expect(stored).toEqual(['FAIL', 'PASS']);
  });

  it('fails a file that is not JSON', async () => {
    const result = await ingestMarketDataFile(pool, { file: await file('not.json', '{feeds: oops') });
    expect(result.batch.status).toBe('FAILED');
    expect(result.errors[0]?.reason).toMatch(/^not JSON/);
  });
});
