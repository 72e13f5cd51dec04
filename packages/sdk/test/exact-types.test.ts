import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPosition, normalizeDecimal, RowValidationError, sql, toDecimal, ValidationError } from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);

describe('type parsers', () => {
  it('returns numeric as the exact decimal string, never a float', async () => {
    const value = await pool.oneFirst(
      sql.type(z.object({ value: z.string() }))`SELECT 1234567890123456789012345678.0000000001::numeric AS value`,
    );
    expect(value).toBe('1234567890123456789012345678.0000000001');
    const sum = await pool.oneFirst(sql.type(z.object({ sum: z.string() }))`SELECT 0.1::numeric + 0.2::numeric AS sum`);
    expect(sum).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('returns timestamptz as Date, date as YYYY-MM-DD, int8 as bigint, numeric[] element-wise', async () => {
    const row = await pool.one(sql.type(
      z.object({ at: z.date(), day: z.string(), big: z.bigint(), amounts: z.array(z.string()) }),
    )`
      SELECT '2024-03-01T12:34:56.789Z'::timestamptz AS at, '2024-02-29'::date AS day,
             9007199254740993::int8 AS big, ARRAY[0.1, 12345678901234567890.5]::numeric[] AS amounts
    `);
    expect(row.at).toBeInstanceOf(Date);
    expect(row.at.toISOString()).toBe('2024-03-01T12:34:56.789Z');
    expect(row.day).toBe('2024-02-29');
    expect(row.big).toBe(9_007_199_254_740_993n);
    expect(row.amounts).toEqual(['0.1', '12345678901234567890.5']);
  });

  it('validates every row against the sql.type schema (the interceptor), naming the column', async () => {
    const error = await pool
      .one(sql.type(z.object({ amount: z.number() }))`SELECT 1.5::numeric AS amount`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowValidationError);
    expect((error as RowValidationError).issues[0]?.field).toBe('amount');
  });
});

describe('exact decimals end to end', () => {
  it('round-trips 28-digit quantities and sums them exactly', async () => {
    await seedInstruments(pool, ['EX-1']);
    const { book } = await seedTree(pool, 'EX');
    const quantities = [
      '9999999999999999999999999999',
      '1234567890123456789012345678.123456789',
      '-0.000000000000000001',
    ];
    for (const [index, quantity] of quantities.entries()) {
      const stored = await createPosition(pool, {
        position_id: `EX-P${index}`,
        portfolio_node_id: book.portfolio_node_id,
        instrument_id: 'EX-1',
        quantity,
        base_ccy: 'USD',
      });
      expect(stored.quantity).toBe(normalizeDecimal(quantity));
    }
    const databaseSum = await pool.oneFirst(sql.type(z.object({ total: z.string() }))`
      SELECT sum(quantity) AS total FROM position WHERE portfolio_node_id = ${book.portfolio_node_id}
    `);
    const expected = quantities.reduce((sum, quantity) => sum.plus(quantity), toDecimal(0));
    expect(databaseSum).toBe(expected.toFixed());
    expect(databaseSum).toBe('11234567890123456789012345677.123456788999999999');
  });

  it('stores numbers given as input by their exact decimal text (0.1 stays 0.1)', async () => {
    const row = await createPosition(pool, {
      position_id: 'EX-FLOAT',
      portfolio_node_id: 'EX-BOOK',
      instrument_id: 'EX-1',
      quantity: 0.1,
      base_ccy: 'USD',
      book_value: 0.2,
    });
    expect(row.quantity).toBe('0.1');
    expect(
      toDecimal(row.quantity)
        .plus(row.book_value ?? '0')
        .toFixed(),
    ).toBe('0.3');
  });

  it.each([
    ['1e400', /401 digits before the decimal point; at most 28 are allowed \(the amount domain numeric\(46,18\)\)/],
    ['1e999999999', /1000000000 digits before the decimal point; at most 28/],
    ['-1e-400', /400 digits after the decimal point; at most 18/],
    ['0.0000000000000000001', /19 digits after the decimal point; at most 18/],
    ['12345678901234567890123456789', /29 digits before the decimal point; at most 28/],
    [1e300, /301 digits before the decimal point/],
  ])('refuses %s as a quantity, naming the limit, before expanding it', async (quantity, message) => {
    const attempt = createPosition(pool, {
      position_id: 'EX-HUGE',
      portfolio_node_id: 'EX-BOOK',
      instrument_id: 'EX-1',
      quantity,
      base_ccy: 'USD',
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toThrow(message);
    expect(
      await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM position WHERE position_id = 'EX-HUGE'`,
      ),
    ).toBe(0);
  });

  it('takes the widest values of the amount domain exactly, trailing and leading zeros free', async () => {
    const row = await createPosition(pool, {
      position_id: 'EX-WIDE',
      portfolio_node_id: 'EX-BOOK',
      instrument_id: 'EX-1',
      quantity: '-9999999999999999999999999999.999999999999999999000',
      base_ccy: 'USD',
      book_value: '0000.000000000000000001e0',
    });
    expect(row.quantity).toBe('-9999999999999999999999999999.999999999999999999');
    expect(row.book_value).toBe('0.000000000000000001');
  });
});
