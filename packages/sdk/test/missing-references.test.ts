import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { ReferenceChecker } from '../src/batches/missing-references.js';
import { withTransaction } from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['REF-A', 'REF-B']);
await seedTree(pool, 'REF');

describe('ReferenceChecker: which referenced ids a table lacks, asking only about ids it has not seen', () => {
  it('answers every table after one wait for the write in flight, then from what it learnt', async () => {
    await withTransaction(pool, async (transaction) => {
      let waits = 0;
      const checker = new ReferenceChecker(transaction, async () => {
        waits += 1;
      });
      expect(
        await checker.missingIds({
          portfolio_node: ['REF-BOOK', 'NO-NODE', 'REF-BOOK'],
          instrument: ['REF-A', 'NO-INSTRUMENT', 'REF-B'],
        }),
      ).toEqual({ portfolio_node: new Set(['NO-NODE']), instrument: new Set(['NO-INSTRUMENT']) });
      expect(waits).toBe(1);

      // Only ids seen before: no wait, no query; a missing id stays missing, a known one known.
      expect(await checker.missingIds({ portfolio_node: ['NO-NODE', 'REF-BOOK'], instrument: ['REF-B'] })).toEqual({
        portfolio_node: new Set(['NO-NODE']),
        instrument: new Set(),
      });
      expect(waits).toBe(1);

      // One unseen id among seen ones: one wait, and the answer still covers the seen ones.
      expect(await checker.missingIds({ portfolio_node: ['REF-STRAT', 'NO-NODE'], instrument: ['REF-A'] })).toEqual({
        portfolio_node: new Set(['NO-NODE']),
        instrument: new Set(),
      });
      expect(waits).toBe(2);
    });
  });

  it('counts ids remembered as written by the batch itself as existing', async () => {
    await withTransaction(pool, async (transaction) => {
      const checker = new ReferenceChecker(transaction);
      expect(await checker.missingIds({ instrument: ['LOAN-NEW'] })).toEqual({ instrument: new Set(['LOAN-NEW']) });
      checker.remember('instrument', ['LOAN-NEW']);
      expect(await checker.missingIds({ instrument: ['LOAN-NEW'] })).toEqual({ instrument: new Set() });
    });
  });
});
