import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPositionsFile } from '../src/batches/ingest-positions-file.js';
import { createPool } from '../src/connection/create-pool.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { traceLineage } from '../src/lineage/trace-lineage.js';
import { createNode } from '../src/portfolio/create-node.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const directory = await mkdtemp(join(tmpdir(), 'iprs-batches-'));
const positionCount = () =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM position`);

async function csvFile(name: string, lines: string[]): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const header = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,status,tags';

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'FUND-1', name: 'Fund', node_type: 'FUND' });
  await createNode(pool, { portfolio_node_id: 'BOOK-1', parent_id: 'FUND-1', name: 'Book', node_type: 'DESK' });
  await pool.query(sql.unsafe`
    INSERT INTO instrument (instrument_id, instrument_type, name, currency)
    VALUES ('BOND-1', 'BOND', 'Bond one', 'USD'), ('BOND-2', 'BOND', 'Bond two', 'EUR')`);
});

describe('POSITION_UPLOAD from CSV', () => {
  it('writes full batches however many distinct instruments the rows name (reference checks never cut a batch short)', async () => {
    const instruments = Array.from({ length: 12_000 }, (_, index) => `WIDE-${index}`);
    const copies: string[] = [];
    // A database of its own, on a pool that counts the write batches (one COPY each).
    const counting = await createPool({
      connectionString: await useMigratedDatabase(),
      interceptors: [
        {
          name: 'count-write-batches',
          beforeQueryExecution: (_context, query) => {
            if (/^\s*COPY /u.test(query.sql)) copies.push(query.sql);
            return null;
          },
        },
      ],
    });
    try {
      await createNode(counting, { portfolio_node_id: 'WIDE-BOOK', name: 'Wide book', node_type: 'FUND' });
      await counting.query(sql.unsafe`
        INSERT INTO instrument (instrument_id, instrument_type, name, currency)
        SELECT id, 'BOND', id, 'USD' FROM unnest(${sql.array(instruments, 'text')}) AS id`);
      // Every chunk of rows read names instruments not seen before, so each needs a lookup on the transaction.
      const file = await csvFile('wide.csv', [
        header,
        ...instruments.map((id, index) => `WIDE-P${index},WIDE-BOOK,${id},1,USD,,1,,`),
      ]);
      const result = await ingestPositionsFile(counting, { file, chunk_size: 5_000 });
      expect(result).toMatchObject({ rowsRead: 12_000, rowsWritten: 12_000, errors: [] });
      expect(copies).toHaveLength(3);
    } finally {
      await counting.close();
    }
  });

  it('commits a clean file atomically, exact decimals, batch COMPLETED with lineage', async () => {
    const file = await csvFile('clean.csv', [
      header,
      'P-1,BOOK-1,BOND-1,1000000,USD,990000.50,1000123.456789012345678901,,"{""desk"":""rates""}"',
      'P-2,BOOK-1,BOND-2,"2500",EUR,,2400000.10,ACTIVE,',
      'P-3,FUND-1,BOND-1,0.1,USD,,0.2,CLOSED,',
    ]);
    const progress: number[] = [];
    const result = await ingestPositionsFile(pool, {
      file,
      created_by: 'tester',
      chunk_size: 2,
      onProgress: (p) => progress.push(p.rowsRead),
    });
    expect(result).toMatchObject({ duplicate: false, errors: [], rowsRead: 3, rowsWritten: 3 });
    expect(result.batch).toMatchObject({
      status: 'COMPLETED',
      batch_type: 'POSITION_UPLOAD',
      record_count: 3n,
      created_by: 'tester',
    });
    expect(result.batch.source_file_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(progress).toEqual([2, 3]);
    const p1 = await pool.one(sql.type(
      z.object({ book_value: z.string(), tags_json: z.unknown(), status: z.string() }),
    )`
      SELECT book_value, tags_json, status FROM position WHERE position_id = 'P-1'`);
    expect(p1).toEqual({ book_value: '1000123.456789012345678901', tags_json: { desk: 'rates' }, status: 'ACTIVE' });
    const trace = await traceLineage(pool, result.batch.batch_id);
    expect(trace.batch?.batch_id).toBe(result.batch.batch_id);
    expect(trace.records[0]).toMatchObject({
      feed_type: 'POSITION_UPLOAD',
      quality_checks_passed: true,
      source_identifier: 'clean.csv',
    });
  });

  it('detects a re-upload of the same file and does nothing', async () => {
    const file = join(directory, 'clean.csv');
    const before = await positionCount();
    const again = await ingestPositionsFile(pool, { file });
    expect(again.duplicate).toBe(true);
    expect(again.batch.status).toBe('COMPLETED');
    expect(await positionCount()).toBe(before);
    const batches = await pool.oneFirst(
      sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM ingestion_batch`,
    );
    expect(batches).toBe(1);
  });

  it('reports every bad row with line, column and reason, writes no position, and records the batch FAILED', async () => {
    const before = await positionCount();
    const file = await csvFile('bad.csv', [
      header,
      'P-10,BOOK-1,BOND-1,100,USD,,100,,',
      'P-11,BOOK-1,BOND-1,abc,USD,,100,,',
      'P-12,NO-NODE,BOND-1,5,USD,,5,,',
      'P-13,BOOK-1,NO-BOND,5,usd,,5,,',
      'P-14,BOOK-1,BOND-1,5,XYZ,,5,OPEN,',
      'P-10,BOOK-1,BOND-2,5,EUR,,5,,',
      ',BOOK-1,BOND-1,,USD,,,,{bad json',
      'P-16,BOOK-1,BOND-1,5,USD',
    ]);
    const result = await ingestPositionsFile(pool, { file, chunk_size: 3 });
    expect(result.batch).toMatchObject({ status: 'FAILED', record_count: 8n });
    expect(result.batch.completed_at).toBeInstanceOf(Date);
    expect(result.rowsWritten).toBe(0);
    const brief = result.errors.map((e) => [e.row, e.column]);
    expect(brief).toEqual([
      [3, 'quantity'],
      [4, 'portfolio_node_id'],
      [5, 'base_ccy'],
      [6, 'base_ccy'],
      [6, 'status'],
      [7, 'position_id'],
      [8, 'tags'],
      [8, 'position_id'],
      [8, 'quantity'],
      [9, ''],
    ]);
    expect(result.errors[0]?.reason).toContain('"abc"');
    expect(result.errors[1]?.reason).toBe('portfolio node "NO-NODE" does not exist');
    expect(result.errors[5]?.reason).toBe('"P-10" appears earlier in the file');
    expect(result.batch.validation_errors_json).toEqual(result.errors);
    expect(await positionCount()).toBe(before);
    const lineage = await traceLineage(pool, result.batch.batch_id);
    expect(lineage.records[0]).toMatchObject({ quality_checks_passed: false });
    expect(lineage.records[0]?.transformation_chain.at(-1)).toBe('rollback');
  });

  it('reports an instrument that does not exist', async () => {
    const file = await csvFile('no-instrument.csv', [header, 'P-20,BOOK-1,NO-BOND,5,USD,,5,,']);
    const result = await ingestPositionsFile(pool, { file });
    expect(result.errors).toEqual([{ row: 2, column: 'instrument_id', reason: 'instrument "NO-BOND" does not exist' }]);
  });

  it('in skip-bad-rows mode writes the good rows and completes listing the bad ones', async () => {
    const before = await positionCount();
    const file = await csvFile('partial.csv', [
      header,
      'P-30,BOOK-1,BOND-1,5,USD,,5,,',
      'P-31,BOOK-1,BOND-1,-,USD,,5,,',
    ]);
    const result = await ingestPositionsFile(pool, { file, atomicity: 'skip-bad-rows' });
    expect(result).toMatchObject({ rowsWritten: 1, batch: { status: 'COMPLETED' } });
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: 'quantity' })]);
    expect(await positionCount()).toBe(before + 1);
  });

  it('fails the batch on a header that lacks a required column or names an unknown one', async () => {
    const missing = await ingestPositionsFile(pool, {
      file: await csvFile('no-qty.csv', [
        'position_id,portfolio_node_id,instrument_id,base_ccy',
        'P-40,BOOK-1,BOND-1,USD',
      ]),
    });
    expect(missing.batch.status).toBe('FAILED');
    expect(missing.errors).toEqual([{ row: 1, column: 'quantity', reason: 'required column is missing' }]);
    const unknown = await ingestPositionsFile(pool, {
      file: await csvFile('extra.csv', [`${header},colour`, 'P-41,BOOK-1,BOND-1,1,USD,,,,,red']),
    });
    expect(unknown.errors).toEqual([expect.objectContaining({ row: 1, column: 'colour' })]);
    const quoting = await ingestPositionsFile(pool, {
      file: await csvFile('quote.csv', [header, 'P-42,"BOOK-1,BOND-1,1,USD,,,,']),
    });
    expect(quoting.batch.status).toBe('FAILED');
    expect(quoting.errors[0]?.reason).toMatch(/quote/i);
  });

  it('refuses a file it cannot read before opening a batch', async () => {
    await expect(ingestPositionsFile(pool, { file: join(directory, 'missing.csv') })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('streams a large file: 20,000 rows in one atomic batch', async () => {
    const lines = [header];
    for (let i = 0; i < 20_000; i += 1)
      lines.push(`BIG-${i},BOOK-1,${i % 2 ? 'BOND-1' : 'BOND-2'},${i}.25,${i % 2 ? 'USD' : 'EUR'},,${i}.5,,`);
    const result = await ingestPositionsFile(pool, { file: await csvFile('big.csv', lines) });
    expect(result).toMatchObject({ rowsRead: 20_000, rowsWritten: 20_000, batch: { status: 'COMPLETED' } });
    const sum = await pool.oneFirst(
      sql.type(
        z.object({ s: z.string() }),
      )`SELECT sum(book_value)::text AS s FROM position WHERE position_id LIKE 'BIG-%'`,
    );
    expect(sum).toBe('200000000.0');
  });
});
