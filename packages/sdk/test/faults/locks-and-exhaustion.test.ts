import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createNode, dbConn, LockTimeoutError, PoolExhaustedError, sql, withTransaction } from '../../src/index.js';
import { openPool } from '../support/open-pool.js';

const databaseUrl = await useMigratedDatabase();

describe('pool exhaustion', () => {
  it('PoolExhaustedError only while every connection is really lent, and no waiter is left behind', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 3, acquireTimeoutMs: 300 });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: 3 }, () => dbConn(pool, () => released));
    while (pool.stats().acquired < 3) await delay(5);
    const waiting: number[] = [];
    const sampler = setInterval(() => waiting.push(pool.stats().waiting), 5);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => pool.oneFirst(sql.unsafe`SELECT 1`)));
    clearInterval(sampler);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : outcome.value))).toEqual(
      Array.from({ length: 10 }, () => expect.any(PoolExhaustedError)),
    );
    expect(pool.stats()).toMatchObject({ acquired: 3, waiting: 0 });
    expect(Math.max(...waiting)).toBeLessThanOrEqual(10);
    release();
    await Promise.all(holders);

    // More callers than connections, each quick: they queue and all get through.
    const patient = await openPool(databaseUrl, { maxPoolSize: 3, acquireTimeoutMs: 20_000 });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        withTransaction(patient, (transaction) =>
          transaction.oneFirst(sql.unsafe`SELECT ${index}::int FROM pg_sleep(0.005)`),
        ),
      ),
    );
    expect(results).toHaveLength(60);
    expect(patient.stats()).toMatchObject({ waiting: 0 });
  }, 60_000);
});

describe('a lock held across SDK writes', () => {
  it('LOCK TABLE … ACCESS EXCLUSIVE in another session → LockTimeoutError within lock_timeout, and nothing written', async () => {
    const holder = await openPool(databaseUrl, { maxPoolSize: 1 });
    const pool = await openPool(databaseUrl, { maxPoolSize: 2, lockTimeoutMs: 300, statementTimeoutMs: 30_000 });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = withTransaction(holder, async (transaction) => {
      await transaction.query(sql.unsafe`LOCK TABLE portfolio_node IN ACCESS EXCLUSIVE MODE`);
      locked();
      await released;
    });
    await isLocked;
    const writes = await Promise.allSettled([
      createNode(pool, { portfolio_node_id: 'LOCKED-1', name: 'blocked', node_type: 'FUND' }),
      pool.query(
        sql.unsafe`INSERT INTO portfolio_node (portfolio_node_id, name, node_type) VALUES ('LOCKED-2', 'blocked', 'FUND')`,
      ),
      withTransaction(pool, (transaction) => transaction.query(sql.unsafe`UPDATE portfolio_node SET name = 'x'`)),
    ]);
    release();
    await holding;
    for (const write of writes) {
      expect(write.status).toBe('rejected');
      expect((write as PromiseRejectedResult).reason).toBeInstanceOf(LockTimeoutError);
      expect((write as PromiseRejectedResult).reason).toMatchObject({ code: '55P03' });
    }
    expect(
      await pool.oneFirst(sql.unsafe`SELECT count(*)::int FROM portfolio_node WHERE portfolio_node_id LIKE 'LOCKED-%'`),
    ).toBe(0);
  }, 60_000);
});
