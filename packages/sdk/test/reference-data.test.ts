import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { InvalidReferenceError } from '../src/errors/invalid-reference-error.js';
import { NotFoundError } from '../src/errors/not-found-error.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { createReferenceEntity } from '../src/reference/create-reference-entity.js';
import { findReferenceEntities } from '../src/reference/find-reference-entities.js';
import { getReferenceEntity } from '../src/reference/get-reference-entity.js';
import { referenceEntityAncestors } from '../src/reference/reference-entity-ancestors.js';
import { updateReferenceEntity } from '../src/reference/update-reference-entity.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

const countEntities = () =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM reference_data`);

describe('reference data', () => {
  it('creates an issuer with valid identifiers and finds it by ticker, CUSIP, ISIN and name', async () => {
    const apple = await createReferenceEntity(pool, {
      entity_id: 'ISS-AAPL',
      entity_type: 'ISSUER',
      name: 'Apple Inc.',
      ticker: 'AAPL',
      cusip: '037833100',
      isin: 'US0378331005',
      sector: 'Technology',
      geography: 'US',
      currency: 'USD',
    });
    expect(apple).toMatchObject({ entity_id: 'ISS-AAPL', isin: 'US0378331005', cusip: '037833100' });
    expect(apple.created_at).toBeInstanceOf(Date);
    for (const search of [{ ticker: 'AAPL' }, { cusip: '037833100' }, { isin: 'US0378331005' }, { name: 'apple' }]) {
      expect((await findReferenceEntities(pool, search)).map((row) => row.entity_id)).toEqual(['ISS-AAPL']);
    }
    expect(await findReferenceEntities(pool, { name: '%' })).toEqual([]);
    expect((await getReferenceEntity(pool, 'ISS-AAPL')).name).toBe('Apple Inc.');
  });

  it('refuses a bad ISIN check digit and writes nothing', async () => {
    const before = await countEntities();
    const attempt = createReferenceEntity(pool, { entity_type: 'ISSUER', name: 'Bad ISIN', isin: 'US0373831005' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ field: 'isin', message: expect.stringContaining('check digit') });
    expect(await countEntities()).toBe(before);
  });

  it('refuses a bad CUSIP, an unknown country or currency, and an ISIN that does not embed the CUSIP', async () => {
    const before = await countEntities();
    await expect(
      createReferenceEntity(pool, { entity_type: 'ISSUER', name: 'Bad CUSIP', cusip: '68389X106' }),
    ).rejects.toMatchObject({
      field: 'cusip',
      message: expect.stringContaining('expected 5'),
    });
    await expect(
      createReferenceEntity(pool, { entity_type: 'GEOGRAPHY', name: 'Nowhere', geography: 'XX' }),
    ).rejects.toMatchObject({
      field: 'geography',
    });
    await expect(
      createReferenceEntity(pool, { entity_type: 'CURRENCY', name: 'Fake', currency: 'XYZ' }),
    ).rejects.toMatchObject({
      field: 'currency',
    });
    await expect(
      createReferenceEntity(pool, {
        entity_type: 'ISSUER',
        name: 'Mismatch',
        isin: 'US0378331005',
        cusip: '68389X105',
      }),
    ).rejects.toMatchObject({ field: 'isin', message: expect.stringContaining('does not embed CUSIP') });
    expect(await countEntities()).toBe(before);
  });

  it('links issuers to parents, walks the chain and refuses loops and unknown parents', async () => {
    await createReferenceEntity(pool, {
      entity_id: 'ISS-HOLD',
      entity_type: 'ISSUER',
      name: 'Holding plc',
      geography: 'GB',
    });
    await createReferenceEntity(pool, {
      entity_id: 'ISS-MID',
      entity_type: 'ISSUER',
      name: 'Mid Ltd',
      parent_entity_id: 'ISS-HOLD',
    });
    await createReferenceEntity(pool, {
      entity_id: 'ISS-OPCO',
      entity_type: 'ISSUER',
      name: 'OpCo',
      parent_entity_id: 'ISS-MID',
    });
    expect((await referenceEntityAncestors(pool, 'ISS-OPCO')).map((row) => row.entity_id)).toEqual([
      'ISS-MID',
      'ISS-HOLD',
    ]);
    expect(await referenceEntityAncestors(pool, 'ISS-HOLD')).toEqual([]);
    await expect(updateReferenceEntity(pool, 'ISS-HOLD', { parent_entity_id: 'ISS-OPCO' })).rejects.toMatchObject({
      field: 'parent_entity_id',
    });
    expect((await getReferenceEntity(pool, 'ISS-HOLD')).parent_entity_id).toBeNull();
    await expect(
      createReferenceEntity(pool, { entity_type: 'ISSUER', name: 'Orphan', parent_entity_id: 'ISS-NONE' }),
    ).rejects.toBeInstanceOf(InvalidReferenceError);
  });

  it('updates fields, re-checking identifiers of the result', async () => {
    const updated = await updateReferenceEntity(pool, 'ISS-MID', { ticker: 'MID', isin: 'GB0002634946' });
    expect(updated).toMatchObject({ ticker: 'MID', isin: 'GB0002634946', name: 'Mid Ltd' });
    await expect(updateReferenceEntity(pool, 'ISS-MID', { isin: 'GB0002634947' })).rejects.toMatchObject({
      field: 'isin',
    });
    expect((await getReferenceEntity(pool, 'ISS-MID')).isin).toBe('GB0002634946');
    await expect(updateReferenceEntity(pool, 'ISS-NONE', { ticker: 'X' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReferenceEntity(pool, 'ISS-NONE')).rejects.toBeInstanceOf(NotFoundError);
  });
});
