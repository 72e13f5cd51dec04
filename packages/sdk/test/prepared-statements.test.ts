import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  createPool,
  createPosition,
  getInstrument,
  getNode,
  getPosition,
  NotFoundError,
  sql,
  type IprsPool,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();

const setup = await openPool(databaseUrl);
await seedInstruments(setup, ['PREP-BOND']);
const { book } = await seedTree(setup, 'PREP');
const position = await createPosition(setup, {
  position_id: 'PREP-POS',
  portfolio_node_id: book.portfolio_node_id,
  instrument_id: 'PREP-BOND',
  quantity: '12.5',
  base_ccy: 'USD',
});

/** The single-row reads the SDK prepares, each called once. */
const readAll = async (pool: IprsPool) => [
  await getPosition(pool, 'PREP-POS'),
  await getInstrument(pool, 'PREP-BOND'),
  await getNode(pool, book.portfolio_node_id),
];

/** The session's prepared statements, with how often each ran (PostgreSQL 14+ counts plans per statement). */
const preparedOnSession = (pool: IprsPool) =>
  pool.any(sql.unsafe`
    SELECT name, (generic_plans + custom_plans)::int AS executions, pg_backend_pid() AS pid
    FROM pg_prepared_statements ORDER BY name`) as Promise<
    ReadonlyArray<{ name: string; executions: number; pid: number }>
  >;

describe('named prepared statements for the single-row reads', () => {
  it('parses each statement once per session and then only executes it', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    for (let call = 0; call < 3; call += 1) await readAll(pool);
    await expect(getPosition(pool, 'PREP-MISSING')).rejects.toBeInstanceOf(NotFoundError);
    const prepared = await preparedOnSession(pool);
    expect(prepared.map(({ name, executions }) => [name, executions])).toEqual([
      ['iprs_find_node_unlocked_0', 3],
      ['iprs_get_instrument_0', 3],
      ['iprs_get_position_0', 4],
    ]);
  });

  it('returns the same rows as unnamed statements, and with preparedStatements: false prepares nothing', async () => {
    const prepared = await openPool(databaseUrl, { maxPoolSize: 1 });
    const unnamed = await openPool(databaseUrl, { maxPoolSize: 1, preparedStatements: false });
    const [viaPrepared, viaUnnamed] = [await readAll(prepared), await readAll(unnamed)];
    expect(viaPrepared).toEqual(viaUnnamed);
    expect(viaPrepared[0]).toEqual(position);
    expect(await preparedOnSession(unnamed)).toEqual([]);
  });

  it.each([
    ['SET timezone', sql.unsafe`SET timezone = 'Asia/Tokyo'`],
    ['PREPARE of its own', sql.unsafe`PREPARE borrower_plan AS SELECT 1`],
    ['a temporary table', sql.unsafe`CREATE TEMP TABLE prep_scratch (id int)`],
  ])('a session reset after %s (DISCARD ALL) prepares the statements again under new names', async (_name, change) => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    await readAll(pool);
    const pid = (await preparedOnSession(pool))[0]?.pid;
    expect(pid).toBeTypeOf('number');
    for (let reset = 1; reset <= 2; reset += 1) {
      await pool.query(change);
      expect(await readAll(pool)).toHaveLength(3);
      const prepared = await preparedOnSession(pool);
      expect(prepared.map(({ name }) => name)).toEqual([
        `iprs_find_node_unlocked_${reset}`,
        `iprs_get_instrument_${reset}`,
        `iprs_get_position_${reset}`,
      ]);
      expect(prepared.every((statement) => statement.pid === pid)).toBe(true);
    }
  });

  it('survives columns added to and dropped from the table while a session holds the statement', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    expect(await getPosition(pool, 'PREP-POS')).toEqual(position);
    await setup.query(sql.unsafe`ALTER TABLE position ADD COLUMN prep_note text`);
    try {
      expect(await getPosition(pool, 'PREP-POS')).toEqual(position);
    } finally {
      await setup.query(sql.unsafe`ALTER TABLE position DROP COLUMN prep_note`);
    }
    expect(await getPosition(pool, 'PREP-POS')).toEqual(position);
  });

  it('refuses a preparedStatements option that is not a boolean, naming it', async () => {
    await expect(
      createPool({ connectionString: databaseUrl, preparedStatements: 'yes' as never }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'preparedStatements',
    });
  });
});
