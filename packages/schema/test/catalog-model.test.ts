import { describe, expect, it } from 'vitest';
import { readCatalogModel, UnknownSchemaError } from '../src/catalog/index.js';
import { manifestForRelease, migrate } from '../src/index.js';
import { withClient } from '../src/internal.js';
import { shapeDifferences } from '../src/release-shape/shape-differences.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const release001 = manifestForRelease('001').schema.tables;

describe('the catalog model (@iprs/schema/catalog), the one reading of the catalog every consumer judges', () => {
  it('models a migrated release exactly as its manifest, so the release-shape check finds nothing', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '001' });

    const model = await withClient(url, (client) => readCatalogModel(client));

    expect(model.schema).toBe('public');
    expect(model.snapshot).toEqual(manifestForRelease('001').schema);
    expect(shapeDifferences(release001, model)).toEqual([]);
  });

  it('lists relations that are not tables, so a view named like a release table is reported as such', async () => {
    const url = await createEmptyDatabase();
    await queryRows(url, 'CREATE VIEW run AS SELECT 1 AS run_id; CREATE SEQUENCE run_number');

    const model = await withClient(url, (client) => readCatalogModel(client));

    expect(model.otherRelations).toEqual(
      expect.arrayContaining([
        { name: 'run', kind: 'v' },
        { name: 'run_number', kind: 'S' },
      ]),
    );
    expect(shapeDifferences(release001, model)).toEqual(
      expect.arrayContaining([
        { table: 'run', objectType: 'table', object: 'run', problem: 'is a view, not a table' },
        { table: 'instrument', objectType: 'table', object: 'instrument', problem: 'is missing' },
      ]),
    );
  });

  it('reads inside an open transaction in a savepoint: sees its changes, leaves the session as it was', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '001' });

    await withClient(url, async (client) => {
      await client.query('BEGIN');
      await client.query('ALTER TABLE run ADD COLUMN desk_note text');
      const model = await readCatalogModel(client, { insideTransaction: true, onlyTables: ['run'] });
      const settings = await client.query('SHOW search_path');
      await client.query('ROLLBACK');

      expect(model.snapshot.tables.map((table) => table.name)).toEqual(['run']);
      expect(model.snapshot.tables[0]?.columns.map((column) => column.name)).toContain('desk_note');
      expect(settings.rows[0]?.search_path).toBe('"$user", public');
    });
  });

  it('refuses a schema that does not exist with UnknownSchemaError instead of modelling it empty', async () => {
    const url = await createEmptyDatabase();

    const error = await withClient(url, (client) => readCatalogModel(client, { schema: 'no_such_schema' })).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(UnknownSchemaError);
    expect((error as UnknownSchemaError).schema).toBe('no_such_schema');
  });
});
