import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInstrument, createPosition, fxConvert, rollupNode, sql, ValidationError } from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['CI-1']);
await seedTree(pool, 'CI');

const notCurrencies = ['XYZ', 'ABC', 'XXX', 'XTS'];

const rowCount = (table: 'position' | 'instrument', id: string) =>
  pool.oneFirst(
    sql.type(
      z.object({ n: z.number() }),
    )`SELECT count(*)::int AS n FROM ${sql.identifier([table])} WHERE ${sql.identifier([`${table}_id`])} = ${id}`,
  );

const expectRefusal = async (attempt: Promise<unknown>, field: string) => {
  const error = await attempt.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues).toContainEqual(
    expect.objectContaining({ field, message: 'is not an ISO 4217 currency code' }),
  );
};

describe('every currency an SDK call takes is an ISO 4217 code, not just three capitals', () => {
  it.each(notCurrencies)('a position in %s is refused and nothing is written', async (code) => {
    const position_id = `CI-POS-${code}`;
    await expectRefusal(
      createPosition(pool, {
        position_id,
        portfolio_node_id: 'CI-BOOK',
        instrument_id: 'CI-1',
        quantity: '1',
        base_ccy: code,
      }),
      'base_ccy',
    );
    expect(await rowCount('position', position_id)).toBe(0);
  });

  it.each(notCurrencies)('an instrument in %s is refused and nothing is written', async (code) => {
    const instrument_id = `CI-INS-${code}`;
    await expectRefusal(
      createInstrument(pool, { instrument_id, instrument_type: 'BOND', name: 'bond', currency: code }),
      'currency',
    );
    expect(await rowCount('instrument', instrument_id)).toBe(0);
  });

  it.each(notCurrencies)('converting into %s, and rolling up in it, are refused before any SQL', async (code) => {
    await expect(fxConvert(pool, '1', 'USD', code, 'no-such-snapshot')).rejects.toBeInstanceOf(ValidationError);
    await expectRefusal(
      rollupNode(pool, { portfolio_node_id: 'CI-FUND', reporting_ccy: code, fx_snapshot_id: 'x' }),
      'reporting_ccy',
    );
  });

  it('still takes real currencies, funds and metals codes (USD, CLF, XAU)', async () => {
    for (const code of ['USD', 'CLF', 'XAU']) {
      const row = await createPosition(pool, {
        position_id: `CI-OK-${code}`,
        portfolio_node_id: 'CI-BOOK',
        instrument_id: 'CI-1',
        quantity: '1',
        base_ccy: code,
      });
      expect(row.base_ccy).toBe(code);
    }
  });
});
