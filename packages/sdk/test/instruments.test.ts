import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { ConflictError } from '../src/errors/conflict-error.js';
import { NotFoundError } from '../src/errors/not-found-error.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { createInstrument } from '../src/instruments/create-instrument.js';
import { getInstrument } from '../src/instruments/get-instrument.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

const countInstruments = () =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM instrument`);

const apple = {
  instrument_id: 'EQ-AAPL',
  instrument_type: 'EQUITY',
  name: 'Apple Inc. common stock',
  currency: 'USD',
  isin: 'US0378331005',
  cusip: '037833100',
  issuer_entity_id: 'ISS-AAPL',
} as const;

describe('instruments', () => {
  it('creates an instrument with valid identifiers and reads it back', async () => {
    const created = await createInstrument(pool, { ...apple, maturity_date: null, terms_json: { lot: 1 } });
    expect(created).toMatchObject({
      instrument_id: 'EQ-AAPL',
      isin: 'US0378331005',
      cusip: '037833100',
      terms_json: { lot: 1 },
    });
    expect(await getInstrument(pool, 'EQ-AAPL')).toEqual(created);
  });

  it('refuses bad identifiers and currencies before any SQL, naming the field, and writes nothing', async () => {
    const before = await countInstruments();
    const refused = async (input: Parameters<typeof createInstrument>[1]) =>
      (await createInstrument(pool, input).catch((error: unknown) => error)) as ValidationError;
    const badIsin = await refused({ ...apple, instrument_id: 'EQ-X1', isin: 'US0373831005', cusip: null });
    expect(badIsin).toBeInstanceOf(ValidationError);
    expect(badIsin.field).toBe('isin');
    expect((await refused({ ...apple, instrument_id: 'EQ-X2', isin: null, cusip: '68389X106' })).field).toBe('cusip');
    expect((await refused({ ...apple, instrument_id: 'EQ-X3', currency: 'XYZ' })).field).toBe('currency');
    const mismatch = await refused({ ...apple, instrument_id: 'EQ-X4', cusip: '594918104' });
    expect(mismatch.message).toContain('does not embed CUSIP 594918104');
    expect(await countInstruments()).toBe(before);
  });

  it('reports an existing id as a ConflictError and a missing one as NotFoundError', async () => {
    await expect(createInstrument(pool, apple)).rejects.toBeInstanceOf(ConflictError);
    await expect(getInstrument(pool, 'EQ-NONE')).rejects.toBeInstanceOf(NotFoundError);
  });
});
