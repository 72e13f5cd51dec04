import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { InvalidReferenceError } from '../src/errors/invalid-reference-error.js';
import { ValidationError } from '../src/errors/validation-error.js';
import { compositeRatingAsOf } from '../src/ratings/composite-rating-as-of.js';
import { ratingAsOf } from '../src/ratings/rating-as-of.js';
import { recordRating } from '../src/ratings/record-rating.js';
import { createReferenceEntity } from '../src/reference/create-reference-entity.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const countRatings = () =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM rating_history`);

beforeAll(async () => {
  await createReferenceEntity(pool, { entity_id: 'ISS-1', entity_type: 'ISSUER', name: 'Issuer One' });
});

describe('rating history', () => {
  it('records ratings of several agencies in canonical notation', async () => {
    const dbrs = await recordRating(pool, {
      entity_id: 'ISS-1',
      agency: 'DBRS',
      rating: 'A(high)',
      outlook: 'STABLE',
      as_of_date: '2025-01-10',
      effective_date: '2025-01-10',
    });
    expect(dbrs.rating).toBe('A (high)');
    await recordRating(pool, {
      entity_id: 'ISS-1',
      agency: 'SP',
      rating: 'A',
      as_of_date: '2025-01-10',
      effective_date: '2025-01-10',
    });
    await recordRating(pool, {
      entity_id: 'ISS-1',
      agency: 'MOODYS',
      rating: 'Baa1',
      as_of_date: '2025-01-10',
      effective_date: '2025-01-10',
    });
    await recordRating(pool, {
      entity_id: 'ISS-1',
      agency: 'FITCH',
      rating: 'A-',
      as_of_date: '2025-01-10',
      effective_date: '2025-01-10',
    });
    await recordRating(pool, {
      entity_id: 'ISS-1',
      agency: 'SP',
      rating: 'BBB+',
      outlook: 'NEGATIVE',
      as_of_date: '2025-06-01',
      effective_date: '2025-06-03',
    });
    expect(await countRatings()).toBe(5);
  });

  it('refuses a notation outside the agency scale, a bad outlook and an unknown entity, writing nothing', async () => {
    const before = await countRatings();
    await expect(
      recordRating(pool, {
        entity_id: 'ISS-1',
        agency: 'MOODYS',
        rating: 'BBB',
        as_of_date: '2025-01-10',
        effective_date: '2025-01-10',
      }),
    ).rejects.toMatchObject({ field: 'rating', message: expect.stringContaining('not on the MOODYS scale') });
    await expect(
      recordRating(pool, {
        entity_id: 'ISS-1',
        agency: 'SP',
        rating: 'A',
        outlook: 'SUNNY' as never,
        as_of_date: '2025-01-10',
        effective_date: '2025-01-10',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      recordRating(pool, {
        entity_id: 'ISS-NONE',
        agency: 'SP',
        rating: 'A',
        as_of_date: '2025-01-10',
        effective_date: '2025-01-10',
      }),
    ).rejects.toBeInstanceOf(InvalidReferenceError);
    expect(await countRatings()).toBe(before);
  });

  it('ratingAsOf picks each agency’s rating by effective date', async () => {
    const early = await ratingAsOf(pool, 'ISS-1', '2025-06-02');
    expect(early.get('SP')?.row.rating).toBe('A');
    const late = await ratingAsOf(pool, 'ISS-1', '2025-06-03');
    expect(late.get('SP')?.row).toMatchObject({ rating: 'BBB+', outlook: 'NEGATIVE' });
    expect([...late.keys()].sort()).toEqual(['DBRS', 'FITCH', 'MOODYS', 'SP']);
    expect((await ratingAsOf(pool, 'ISS-1', '2024-12-31')).size).toBe(0);
  });

  it('builds a composite rating under each rule', async () => {
    // In force on 2025-07-01: SP BBB+ (8), MOODYS Baa1 (8), FITCH A- (7), DBRS A (high) (5).
    expect(await compositeRatingAsOf(pool, 'ISS-1', '2025-07-01')).toMatchObject({
      rule: 'SECOND_BEST',
      notch: 7,
      investmentGrade: true,
    });
    expect((await compositeRatingAsOf(pool, 'ISS-1', '2025-07-01', 'WORST_OF'))?.notch).toBe(8);
    expect((await compositeRatingAsOf(pool, 'ISS-1', '2025-07-01', 'BEST_OF'))?.notch).toBe(5);
    expect(await compositeRatingAsOf(pool, 'ISS-1', '2020-01-01')).toBeUndefined();
  });
});
