import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { withTransaction } from '../src/connection/with-transaction.js';
import { ratingAsOf } from '../src/ratings/rating-as-of.js';
import { recordRating } from '../src/ratings/record-rating.js';
import { createReferenceEntity } from '../src/reference/create-reference-entity.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

/** Records the ratings in one transaction, so they share effective date, as-of date and created_at. */
const recordTogether = (
  entityId: string,
  ratings: Array<{ rating: string; outlook?: 'STABLE' | 'NEGATIVE' | 'POSITIVE' }>,
) =>
  withTransaction(pool, async (transaction) => {
    for (const { rating, outlook } of ratings) {
      await recordRating(transaction, {
        entity_id: entityId,
        agency: 'SP',
        rating,
        outlook,
        as_of_date: '2026-01-15',
        effective_date: '2026-01-15',
      });
    }
  });

describe('ties in the rating in force', () => {
  it('go to the lower rating, whatever the order the tied rows were written in', async () => {
    const orders = [
      ['A', 'BBB', 'A-'],
      ['BBB', 'A-', 'A'],
      ['A-', 'A', 'BBB'],
    ];
    for (const [index, order] of orders.entries()) {
      const entityId = `TIE-${index}`;
      await createReferenceEntity(pool, { entity_id: entityId, entity_type: 'ISSUER', name: `Tie ${index}` });
      await recordTogether(
        entityId,
        order.map((rating) => ({ rating })),
      );
      for (let read = 0; read < 3; read += 1) {
        expect((await ratingAsOf(pool, entityId, '2026-01-31')).get('SP')?.parsed.notation).toBe('BBB');
      }
    }
  });

  it('of the same rating go to the outlook in alphabetical order, then the later record wins over both', async () => {
    await createReferenceEntity(pool, { entity_id: 'TIE-OUTLOOK', entity_type: 'ISSUER', name: 'Tie outlook' });
    await recordTogether('TIE-OUTLOOK', [
      { rating: 'A', outlook: 'STABLE' },
      { rating: 'A', outlook: 'NEGATIVE' },
    ]);
    expect((await ratingAsOf(pool, 'TIE-OUTLOOK', '2026-01-31')).get('SP')?.row.outlook).toBe('NEGATIVE');
    await recordRating(pool, {
      entity_id: 'TIE-OUTLOOK',
      agency: 'SP',
      rating: 'AA',
      as_of_date: '2026-01-15',
      effective_date: '2026-01-15',
    });
    expect((await ratingAsOf(pool, 'TIE-OUTLOOK', '2026-01-31')).get('SP')?.parsed.notation).toBe('AA');
  });
});
