import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type Migration, migrate, migrations } from '../src/index.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { insertSampleRows, tableContents } from './support/sample-rows.js';
import { createEmptyDatabase } from './support/test-database.js';

interface SchemaObjects {
  readonly tables: readonly string[];
  /** Every index that does not back a primary key, as `table.index`. */
  readonly indexes: readonly string[];
}

interface MigrationCheck {
  /** Tables whose sample rows exist before the migration runs (the schema before it must accept them). */
  readonly seededTables: readonly string[];
  readonly verify: (url: string, added: SchemaObjects) => Promise<void>;
}

const release001Tables = ['instrument', 'run', 'valuation_result'];

/**
 * What each release must add, checked on a fresh database migrated up to the release before it (and holding data),
 * graphql-hive style. A new migration without an entry here fails the suite.
 */
const checks: Readonly<Record<string, MigrationCheck>> = {
  '001': {
    seededTables: [],
    verify: async (_url, added) => {
      expect(added.tables).toEqual(release001Tables);
      expect(added.indexes).toEqual(
        expect.arrayContaining(['run.run_as_of_date_idx', 'valuation_result.valuation_result_instrument_id_idx']),
      );
    },
  },
  '002': {
    seededTables: release001Tables,
    verify: async (url, added) => {
      expect(added.tables).toEqual([
        'data_lineage',
        'fx_spot',
        'ingestion_batch',
        'market_data_feed',
        'portfolio_node',
        'portfolio_snapshot',
        'position',
        'rating_history',
        'reference_data',
      ]);
      expect(added.indexes.length).toBeGreaterThanOrEqual(12);
      expect(added.indexes.every((index) => added.tables.includes(index.split('.')[0] ?? ''))).toBe(true);
      // The link to release 001 works against an instrument that existed before 002 ran.
      await withClient(url, (client) => insertSampleRows(client, ['portfolio_node', 'position']));
      const [held] = await queryRows<{ instrument_id: string }>(url, 'SELECT instrument_id FROM position');
      expect(held).toEqual({ instrument_id: 'test-instrument-1' });
    },
  },
  '003': {
    seededTables: [...release001Tables, 'portfolio_node', 'position'],
    verify: async (_url, added) => {
      expect(added.tables).toEqual([]);
      expect(added.indexes).toEqual(['position.position_portfolio_node_id_base_ccy_active_idx']);
    },
  },
  '004': {
    seededTables: [...release001Tables, 'portfolio_node', 'position'],
    verify: async (url, added) => {
      expect(added.tables).toEqual([]);
      expect(added.indexes).toEqual([]);
      const uncommented = await queryRows<{ name: string }>(
        url,
        `SELECT relname AS name FROM pg_class
          WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname <> 'iprs_schema_migrations'
            AND obj_description(oid, 'pg_class') IS NULL`,
      );
      expect(uncommented).toEqual([]);
    },
  },
};

async function schemaObjects(client: pg.Client): Promise<SchemaObjects> {
  const tables = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') AND relname <> 'iprs_schema_migrations'`,
  );
  const indexes = await client.query<{ name: string }>(
    `SELECT c.relname || '.' || ic.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisprimary
        AND c.relname <> 'iprs_schema_migrations'`,
  );
  return { tables: tables.rows.map((row) => row.name), indexes: indexes.rows.map((row) => row.name) };
}

const added = (before: readonly string[], after: readonly string[]): string[] =>
  after.filter((name) => !before.includes(name)).sort();

describe('each migration on a fresh database migrated up to the one before it', () => {
  it('every shipped migration has a check here', () => {
    expect(Object.keys(checks)).toEqual(migrations.map((migration) => migration.version));
  });

  it.each(migrations.map((migration, index) => [migration.filename, migration, migrations[index - 1]] as const))(
    '%s',
    async (_filename, migration: Migration, previous: Migration | undefined) => {
      const check = checks[migration.version];
      if (!check) throw new Error(`no check for migration ${migration.version}`);
      const url = await createEmptyDatabase();
      if (previous)
        expect((await migrate(url, { to: previous.version })).applied.at(-1)?.version).toBe(previous.version);
      await withClient(url, (client) => insertSampleRows(client, check.seededTables));
      const { objects: before, rows } = await withClient(url, async (client) => ({
        objects: await schemaObjects(client),
        rows: await tableContents(client, check.seededTables),
      }));

      const result = await migrate(url, { to: migration.version });

      expect(result.applied.map((applied) => applied.version)).toEqual([migration.version]);
      const after = await withClient(url, async (client) => {
        expect(await tableContents(client, check.seededTables)).toEqual(rows);
        return schemaObjects(client);
      });
      expect(after.tables).toEqual(expect.arrayContaining([...before.tables]));
      expect(after.indexes).toEqual(expect.arrayContaining([...before.indexes]));
      await check.verify(url, {
        tables: added(before.tables, after.tables),
        indexes: added(before.indexes, after.indexes),
      });
    },
  );
});
