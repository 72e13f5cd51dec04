import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionError, ConnectionLostError, createPool, PoolExhaustedError, sql } from '../../src/index.js';
import { startSwitchableProxy } from './support/switchable-proxy.js';

const databaseUrl = await useMigratedDatabase();
const proxy = await startSwitchableProxy(databaseUrl);
afterAll(() => proxy.close());

describe('a server that stops answering (connections hang instead of being refused)', () => {
  it('callers waiting behind connection attempts get ConnectionError naming host:port, not PoolExhaustedError; then it recovers', async () => {
    const pool = await createPool({
      connectionString: proxy.connectionString,
      maxPoolSize: 2,
      acquireTimeoutMs: 300,
      connectTimeoutMs: 1_000,
      idleTimeoutMs: 60_000,
    });
    try {
      expect(await pool.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
      // Drop the pooled sessions, so every caller must open a new one through the dead path.
      const observer = await createPool({ connectionString: databaseUrl, maxPoolSize: 1 });
      await observer.query(sql.unsafe`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND client_port IS NOT NULL
          AND backend_type = 'client backend' AND application_name = ''`);
      await observer.close();
      proxy.blackhole();
      await new Promise((resolve) => setTimeout(resolve, 100));

      let mostWaiting = 0;
      const sampler = setInterval(() => (mostWaiting = Math.max(mostWaiting, pool.stats().waiting)), 5);
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => pool.oneFirst(sql.unsafe`SELECT 1`)));
      clearInterval(sampler);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason as unknown;
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).not.toBeInstanceOf(PoolExhaustedError);
        expect((error as ConnectionError).address).toBe(proxy.address);
      }
      const reasons = new Set(outcomes.map((outcome) => ((outcome as PromiseRejectedResult).reason as Error).message));
      // Callers holding a slot time out connecting; callers queued behind them learn that connections are being opened.
      expect([...reasons].some((reason) => /timeout/u.test(reason))).toBe(true);
      expect([...reasons].some((reason) => /still being opened/u.test(reason))).toBe(true);
      expect(mostWaiting).toBeLessThanOrEqual(20);
      expect(pool.stats().waiting).toBe(0);

      proxy.forward();
      expect(await pool.oneFirst(sql.unsafe`SELECT 2`)).toBe(2);
    } finally {
      proxy.forward();
      await pool.close();
    }
  }, 60_000);

  it.each(['blackhole', 'hangUp'] as const)(
    'createPool through a %s proxy fails with a ConnectionError (not "lost") naming host:port',
    async (mode) => {
      proxy[mode]();
      try {
        const error = await createPool({ connectionString: proxy.connectionString, connectTimeoutMs: 500 }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).not.toBeInstanceOf(ConnectionLostError);
        expect((error as ConnectionError).address).toBe(proxy.address);
      } finally {
        proxy.forward();
      }
    },
    30_000,
  );
});
