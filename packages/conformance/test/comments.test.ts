import { manifestForRelease } from '@iprs/schema';
import { describe, expect, it } from 'vitest';
import { verifySchema } from '../src/index.js';
import { execute, withClonedDatabase } from './support/databases.js';

// Comments are documentation: a DBA rewording, dropping or adding one must not make a database fail (or warn).
const commentEdits: readonly (readonly [string, string])[] = [
  ['a table comment reworded', "COMMENT ON TABLE position IS 'Our holdings'"],
  ['a table comment dropped', 'COMMENT ON TABLE fx_spot IS NULL'],
  ['a column comment dropped', 'COMMENT ON COLUMN position.book_value IS NULL'],
  ['a comment on a column the release leaves uncommented', "COMMENT ON COLUMN run.created_at IS 'insert time'"],
  [
    'every comment dropped',
    `DO $$ DECLARE t record; BEGIN
       FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' LOOP
         EXECUTE format('COMMENT ON TABLE %I IS NULL', t.relname);
       END LOOP; END $$`,
  ],
];

describe('comments', () => {
  it('the newest manifest describes every table, and several columns of each release-002 table', () => {
    const { tables } = manifestForRelease().schema;
    expect(tables.filter((table) => !table.comment)).toEqual([]);
    const position = tables.find((table) => table.name === 'position');
    expect(position?.columns.find((column) => column.name === 'book_value')?.comment).toMatch(/rollups/);
    expect(position?.columns.find((column) => column.name === 'position_id')?.comment).toBeUndefined();
  });

  it.each(commentEdits)('%s: verify still conforms, strict too, with no warning', async (_name, sql) => {
    await withClonedDatabase(async (url) => {
      await execute(url, sql);
      for (const strict of [false, true]) {
        const report = await verifySchema(url, { probes: false, strict });
        expect(report.summary.failed).toBe(0);
        expect(report.summary.warnings).toBe(0);
        expect(report.conforms).toBe(true);
      }
    });
  });
});
