import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dbConn, IprsError, sql, withTransaction } from '../../src/index.js';
import { openPool } from '../support/open-pool.js';

const databaseUrl = await useMigratedDatabase();

describe('leak soak', () => {
  it('4 000 operations with random throws and session changes leave no lent session and nothing idle in transaction', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 6, acquireTimeoutMs: 30_000 });
    await pool.query(sql.unsafe`CREATE TABLE soak_write (id int PRIMARY KEY)`);
    let seed = 7_919;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const planned = new Error('planned');
    const operations = [
      // A transaction that writes, then maybe throws.
      async (id: number, fail: boolean) =>
        withTransaction(pool, async (transaction) => {
          await transaction.query(sql.unsafe`INSERT INTO soak_write (id) VALUES (${id})`);
          if (fail) throw planned;
        }),
      // A dbConn routine that begins a transaction by hand and may walk away from it, or fail inside it.
      async (id: number, fail: boolean) =>
        dbConn(pool, async (connection) => {
          await connection.query(sql.unsafe`BEGIN`);
          await connection.query(sql.unsafe`INSERT INTO soak_write (id) VALUES (${-id})`);
          if (fail) await connection.query(sql.unsafe`SELECT 1 / 0`);
        }),
      // Pool calls that change the session, and a bad statement.
      async (_id: number, fail: boolean) =>
        fail ? pool.query(sql.unsafe`SELEC 1`) : pool.query(sql.unsafe`SET application_name = 'soaked'`),
      async (id: number) => pool.oneFirst(sql.unsafe`SELECT ${id}::int`),
    ];
    let failures = 0;
    let next = 1;
    const total = 4_000;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next <= total) {
          const id = next++;
          const operation = operations[Math.floor(random() * operations.length)]!;
          try {
            await operation(id, random() < 0.25);
          } catch (error) {
            if (error !== planned && !IprsError.isInstance(error)) throw error;
            failures += 1;
          }
        }
      }),
    );
    for (let attempt = 0; attempt < 200 && pool.stats().acquired > 0; attempt += 1) await delay(10);
    expect(failures).toBeGreaterThan(200);
    expect(pool.stats()).toMatchObject({ acquired: 0, waiting: 0, state: 'ACTIVE' });
    const observer = await openPool(databaseUrl, { maxPoolSize: 1 });
    expect(
      await observer.one(sql.unsafe`SELECT
        count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_in_transaction,
        count(*) FILTER (WHERE application_name = 'soaked')::int AS soaked
        FROM pg_stat_activity WHERE datname = current_database()`),
    ).toEqual({ idle_in_transaction: 0, soaked: 0 });
    // Hand-begun transactions were rolled back, never committed by a later borrower.
    expect(await observer.oneFirst(sql.unsafe`SELECT count(*)::int FROM soak_write WHERE id < 0`)).toBe(0);
  }, 120_000);
});
