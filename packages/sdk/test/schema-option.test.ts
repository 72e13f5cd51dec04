import { migrate } from '@iprs/schema';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { createPool as createSlonikPool } from 'slonik';
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createNode,
  getNode,
  ingestFeed,
  ingestPositionsFile,
  SchemaNotInstalledError,
  sql,
  ValidationError,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';

const withSearchPath = (url: string, searchPath: string) => {
  const withOptions = new URL(url);
  withOptions.searchParams.set('options', `-c search_path=${searchPath}`);
  return withOptions.toString();
};

/** Runs SQL on a plain Slonik pool, which does no release check and keeps the URL's search_path. */
const query = async (url: string, statement: ReturnType<typeof sql.unsafe>): Promise<readonly unknown[]> => {
  const plain = await createSlonikPool(url);
  try {
    return (await plain.query(statement)).rows;
  } finally {
    await plain.end();
  }
};

describe('createPool({ schema }): iprs in its own schema beside another application in public', async () => {
  const url = await useEmptyDatabase();
  // Another application's table named like a release table, with a shape of its own, and an empty schema.
  await query(url, sql.unsafe`CREATE TABLE position (id serial PRIMARY KEY, player text NOT NULL)`);
  await query(url, sql.unsafe`INSERT INTO position (player) VALUES ('keeper')`);
  await query(url, sql.unsafe`CREATE SCHEMA staging`);
  await migrate(url, { schema: 'iprs' });

  it('works on the tables of that schema and never touches public', async () => {
    const pool = await openPool(url, { schema: 'iprs' });
    await createNode(pool, { portfolio_node_id: 'S-FUND', name: 'in schema iprs', node_type: 'FUND' });
    expect(await getNode(pool, 'S-FUND')).toMatchObject({ name: 'in schema iprs' });
    expect(await pool.oneFirst(sql.unsafe`SELECT current_schema()`)).toBe('iprs');
    expect(await query(url, sql.unsafe`SELECT count(*)::int AS n FROM iprs.portfolio_node`)).toEqual([{ n: 1 }]);
    expect(await query(url, sql.unsafe`SELECT player FROM public.position`)).toEqual([{ player: 'keeper' }]);
  });

  it('lineage names the tables an ingestion wrote in the schema iprs lives in, not public', async () => {
    const pool = await openPool(url, { schema: 'iprs' });
    await pool.query(
      sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('S-BOND', 'BOND', 'bond', 'USD')`,
    );
    const file = join(tmpdir(), `iprs-schema-option-${process.pid}.csv`);
    await writeFile(file, 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy\nS-P1,S-FUND,S-BOND,10,USD\n');
    const batch = await ingestPositionsFile(pool, { file });
    expect(batch.batch.status).toBe('COMPLETED');
    const feed = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'test',
      payload: { snapshot_id: 'S-FX', quotes: [{ pair: 'EUR/USD', rate: '1.1' }] },
    });
    const outputs = await query(
      url,
      sql.unsafe`SELECT metadata_json->'outputs' AS outputs FROM iprs.data_lineage ORDER BY created_at`,
    );
    expect(outputs).toEqual([{ outputs: ['iprs.position'] }, { outputs: ['iprs.market_data_feed', 'iprs.fx_spot'] }]);
    expect(feed.lineage.metadata_json).toMatchObject({ outputs: ['iprs.market_data_feed', 'iprs.fx_spot'] });
  });

  it('the schema option wins over a search_path in the URL, and a URL search_path alone works the same', async () => {
    const overridden = await openPool(withSearchPath(url, 'public'), { schema: 'iprs' });
    expect(await overridden.oneFirst(sql.unsafe`SELECT current_schema()`)).toBe('iprs');
    const fromUrl = await openPool(withSearchPath(url, 'iprs'));
    expect(await getNode(fromUrl, 'S-FUND')).toMatchObject({ portfolio_node_id: 'S-FUND' });
  });

  it.each([
    ['no schema option (public has a position table but no ledger)', url, {}, 'public'],
    ['a schema option naming an empty schema', url, { schema: 'staging' }, 'staging'],
    [
      'a search_path whose first schema is empty, even with iprs after it',
      withSearchPath(url, 'staging,iprs'),
      {},
      'staging',
    ],
  ])(
    'the release check refuses %s, naming the schema it looked in',
    async (_case, connectionString, config, schema) => {
      const pool = await openPool(connectionString, config);
      const error = await pool.oneFirst(sql.unsafe`SELECT 1`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SchemaNotInstalledError);
      expect((error as Error).message).toContain(`in schema ${schema}`);
    },
  );

  it.each(['', 'iprs; DROP TABLE position', 'two words', '1st'])(
    'refuses the schema name %j with a ValidationError',
    async (schema) => {
      await expect(openPool(url, { schema })).rejects.toThrow(ValidationError);
    },
  );
});
