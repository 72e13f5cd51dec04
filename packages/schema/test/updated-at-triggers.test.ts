import { describe, expect, it } from 'vitest';
import { migrate } from '../src/index.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

interface UpdatedAtTable {
  table: string;
  triggers: string[];
}

/**
 * Every table in public with an updated_at column, and the names of its triggers that run set_updated_at() for each
 * row BEFORE UPDATE (tgtype bits: 1 row-level, 2 before, 16 update).
 */
const updatedAtTables = `
  SELECT c.relname AS table,
         coalesce(array_agg(t.tgname::text ORDER BY t.tgname) FILTER (WHERE t.tgname IS NOT NULL), '{}') AS triggers
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at' AND NOT a.attisdropped
    LEFT JOIN pg_trigger t
      ON t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgenabled <> 'D'
     AND t.tgfoid = 'public.set_updated_at()'::regprocedure
     AND t.tgtype & 1 = 1 AND t.tgtype & 2 = 2 AND t.tgtype & 16 = 16
   WHERE c.relkind IN ('r', 'p')
   GROUP BY c.relname
   ORDER BY c.relname`;

const releases = [
  { to: '001', tables: ['instrument', 'run'] },
  {
    to: '002',
    tables: [
      'ingestion_batch',
      'instrument',
      'market_data_feed',
      'portfolio_node',
      'position',
      'reference_data',
      'run',
    ],
  },
];

describe('every table with updated_at has a BEFORE UPDATE trigger executing set_updated_at()', () => {
  it.each(releases)('after release $to', async ({ to, tables }) => {
    const url = await createEmptyDatabase();
    await migrate(url, { to });
    const found = await queryRows<UpdatedAtTable>(url, updatedAtTables);
    expect(found.map((row) => row.table)).toEqual(tables);
    for (const { table, triggers } of found) expect(triggers, table).toEqual([`${table}_set_updated_at`]);
  });
});
