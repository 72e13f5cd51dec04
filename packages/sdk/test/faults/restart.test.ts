import { setTimeout as delay } from 'node:timers/promises';
import { migrate } from '@iprs/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createPool,
  IprsError,
  PoolExhaustedError,
  sql,
  withTransaction,
  type IprsPool,
} from '../../src/index.js';
import { startRestartableServer, type RestartableServer, type ShutdownMode } from './support/restartable-server.js';

let server: RestartableServer;
let pool: IprsPool;

beforeAll(async () => {
  server = await startRestartableServer();
  // The SDK's first call checks the schema release: the server carries the iprs schema, as any it is pointed at.
  await migrate(server.connectionString);
  pool = await createPool({
    connectionString: server.connectionString,
    maxPoolSize: 6,
    acquireTimeoutMs: 2_000,
    connectTimeoutMs: 2_000,
  });
  // Each acknowledged write is a pair of rows in one transaction: a half-written one shows as an unpaired row.
  await pool.query(sql.unsafe`CREATE TABLE fault_write (id int PRIMARY KEY, pair_of int NOT NULL)`);
}, 120_000);

afterAll(async () => {
  await pool?.close().catch(() => undefined);
  await server?.destroy();
}, 120_000);

/** Writers that insert pairs until told to stop, recording which writes were acknowledged and how the others failed. */
const startLoad = (firstId: number, writers: number) => {
  const acknowledged: number[] = [];
  const failures: unknown[] = [];
  let next = firstId;
  let stopped = false;
  const done = Promise.all(
    Array.from({ length: writers }, async () => {
      while (!stopped) {
        const id = next;
        next += 2;
        try {
          await withTransaction(pool, async (transaction) => {
            await transaction.query(sql.unsafe`INSERT INTO fault_write (id, pair_of) VALUES (${id}, ${id + 1})`);
            await transaction.query(sql.unsafe`INSERT INTO fault_write (id, pair_of) VALUES (${id + 1}, ${id})`);
          });
          acknowledged.push(id);
        } catch (error) {
          failures.push(error);
          await delay(20);
        }
      }
    }),
  );
  return {
    acknowledged,
    failures,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
};

describe.each<ShutdownMode>(['fast', 'immediate'])(
  'PostgreSQL restart (%s shutdown) under concurrent SDK load',
  (mode) => {
    it('callers get ConnectionErrors naming host:port, the same pool recovers, no acknowledged write is lost or half-written', async () => {
      const firstId = mode === 'fast' ? 0 : 1_000_000;
      const load = startLoad(firstId, 4);
      await delay(300);
      await server.stop(mode);

      // The outage: 50 callers at once.
      let mostWaiting = 0;
      const sampler = setInterval(() => (mostWaiting = Math.max(mostWaiting, pool.stats().waiting)), 1);
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => pool.oneFirst(sql.unsafe`SELECT 1`)));
      clearInterval(sampler);
      const errors = outcomes.map((outcome) =>
        outcome.status === 'rejected' ? (outcome.reason as unknown) : 'succeeded',
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).not.toBeInstanceOf(PoolExhaustedError);
        expect((error as ConnectionError).message).toContain(server.address);
      }
      expect(mostWaiting).toBeLessThanOrEqual(50 + 4);
      expect(pool.stats().waiting).toBe(0);

      const restartedAt = performance.now();
      await server.start();
      let recovered = false;
      while (!recovered && performance.now() - restartedAt < 60_000) {
        recovered = await pool.oneFirst(sql.unsafe`SELECT 1`).then(
          () => true,
          () => delay(50).then(() => false),
        );
      }
      const recoverySeconds = (performance.now() - restartedAt) / 1000;
      console.log(
        `[faults] ${mode} restart: the pool served queries again ${recoverySeconds.toFixed(2)} s after the restart began`,
      );
      expect(recovered).toBe(true);
      await delay(300);
      await load.stop();

      // Every failure the writers saw is an SDK error, and every one is about the connection.
      for (const failure of load.failures) {
        expect(IprsError.isInstance(failure)).toBe(true);
        expect(failure).toBeInstanceOf(ConnectionError);
      }
      const rows = (await pool.any(
        sql.unsafe`SELECT id, pair_of FROM fault_write WHERE id >= ${firstId} AND id < ${firstId + 1_000_000}`,
      )) as ReadonlyArray<{ id: number; pair_of: number }>;
      const stored = new Map(rows.map((row) => [row.id, row.pair_of]));
      const missing = load.acknowledged.filter((id) => !stored.has(id) || !stored.has(id + 1));
      const halfWritten = [...stored].filter(([, pairOf]) => !stored.has(pairOf));
      expect(load.acknowledged.length).toBeGreaterThan(0);
      expect(load.failures.length).toBeGreaterThan(0);
      expect({ missing, halfWritten }).toEqual({ missing: [], halfWritten: [] });
      expect(pool.stats()).toMatchObject({ acquired: 0, waiting: 0, state: 'ACTIVE' });
    }, 120_000);
  },
);
