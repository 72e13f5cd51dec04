import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  bulkLoadPositions,
  ConnectionLostError,
  createNode,
  dbConn,
  sql,
  withTransaction,
  type PositionInput,
} from '../../src/index.js';
import { openPool } from '../support/open-pool.js';
import { seedInstruments } from '../support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl, { maxPoolSize: 4 });
const killer = await openPool(databaseUrl, { maxPoolSize: 1 });
await seedInstruments(pool, ['LOSS-1']);
await createNode(pool, { portfolio_node_id: 'LOSS-FUND', name: 'Loss', node_type: 'FUND' });

/** Terminates the first other session of this database found running a statement that matches `pattern`. */
const terminateWhenRunning = async (pattern: string): Promise<number> => {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const pid = await killer.maybeOneFirst(sql.unsafe`
      SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE ${pattern}
      LIMIT 1`);
    if (pid !== null) {
      await killer.query(sql.unsafe`SELECT pg_terminate_backend(${Number(pid)})`);
      return Number(pid);
    }
    await delay(5);
  }
  throw new Error(`no session ran a statement like ${pattern} within the wait`);
};

describe('a session lost mid-statement is a ConnectionLostError naming host:port, and leaves nothing half-written', () => {
  it('mid bulk load (bulkLoadPositions)', async () => {
    function* positions(): Generator<PositionInput> {
      for (let index = 0; index < 400_000; index += 1) {
        yield {
          position_id: `LOSS-P${index}`,
          portfolio_node_id: 'LOSS-FUND',
          instrument_id: 'LOSS-1',
          quantity: '1',
          base_ccy: 'USD',
        };
      }
    }
    const loading = bulkLoadPositions(pool, positions(), { batchSize: 5_000 }).catch((error: unknown) => error);
    await terminateWhenRunning('COPY position%FROM STDIN%');
    const error = await loading;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as ConnectionLostError).address).toBe(pool.address);
    expect(
      await pool.oneFirst(sql.unsafe`SELECT count(*)::int FROM position WHERE portfolio_node_id = 'LOSS-FUND'`),
    ).toBe(0);
  }, 60_000);

  it('mid transaction and mid dbConn statement; the pool serves the next callers', async () => {
    const inTransaction = withTransaction(pool, async (transaction) => {
      await transaction.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
        VALUES ('LOSS-TX', 'BOND', 'lost', 'USD')`);
      await transaction.query(sql.unsafe`SELECT pg_sleep(30) AS loss_in_transaction`);
    }).catch((error: unknown) => error);
    await terminateWhenRunning('%loss_in_transaction%');
    expect(await inTransaction).toBeInstanceOf(ConnectionLostError);

    const inDbConn = dbConn(pool, (connection) =>
      connection.query(sql.unsafe`SELECT pg_sleep(30) AS loss_in_dbconn`),
    ).catch((error: unknown) => error);
    await terminateWhenRunning('%loss_in_dbconn%');
    expect(await inDbConn).toBeInstanceOf(ConnectionLostError);

    expect(await pool.exists(sql.unsafe`SELECT 1 FROM instrument WHERE instrument_id = 'LOSS-TX'`)).toBe(false);
    expect(
      await Promise.all(Array.from({ length: 8 }, (_, index) => pool.oneFirst(sql.unsafe`SELECT ${index}::int`))),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(pool.stats()).toMatchObject({ waiting: 0 });
  }, 60_000);
});
