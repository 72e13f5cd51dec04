import { migrate } from '@iprs/schema';
import { startStreamingCluster } from '@iprs/testkit';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPool } from '../../src/index.js';
import { ConnectionError } from '../../src/errors/connection-error.js';
import { ConnectionLostError } from '../../src/errors/connection-lost-error.js';

// A PostgreSQL 15 primary with one synchronous streaming standby (synchronous_standby_names): a commit is
// acknowledged only once the standby has flushed it.
const cluster = await startStreamingCluster({ standbys: 1, synchronous: true });
const standby = cluster.standbys[0] as (typeof cluster.standbys)[number];
afterAll(() => cluster.stop());

const failoverTimeoutMs = 20_000;
const writers = 4;

describe('failover to a promoted synchronous standby', () => {
  it('fails in-flight writes with ConnectionError (never re-sent), reaches the new primary in bounded time, loses no acknowledged write', async () => {
    await migrate(cluster.primary.url);
    await cluster.primary.query('CREATE TABLE failover_probe (id int PRIMARY KEY, writer int NOT NULL)');
    const pool = await createPool({
      connectionString: `postgres://postgres@127.0.0.1:${cluster.primary.port},127.0.0.1:${standby.port}/postgres?target_session_attrs=read-write`,
      maxPoolSize: writers,
      failoverTimeoutMs,
      connectTimeoutMs: 2_000,
      acquireTimeoutMs: failoverTimeoutMs + 5_000,
    });
    const acknowledged: number[] = [];
    const failed: { id: number; error: unknown }[] = [];
    let nextId = 1;
    let stoppedAt = Number.POSITIVE_INFINITY;
    let firstAckOnNewPrimary: number | null = null;
    let acksOnNewPrimary = 0;
    let running = true;
    const writer = async (writerNumber: number) => {
      while (running) {
        const id = nextId++;
        try {
          const port = await pool.oneFirst(
            sql.unsafe`INSERT INTO failover_probe (id, writer) VALUES (${id}, ${writerNumber}) RETURNING inet_server_port()`,
          );
          acknowledged.push(id);
          if (port === standby.port) {
            firstAckOnNewPrimary ??= Date.now();
            acksOnNewPrimary += 1;
          }
        } catch (error) {
          failed.push({ id, error });
        }
      }
    };
    try {
      const writing = Promise.all(Array.from({ length: writers }, (_, index) => writer(index)));
      while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 10));

      stoppedAt = Date.now();
      await cluster.primary.stop('immediate');
      const stopMs = Date.now() - stoppedAt;
      await standby.promote();
      const promotedAt = Date.now();
      const deadline = Date.now() + failoverTimeoutMs + 10_000;
      while (acksOnNewPrimary < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      running = false;
      await writing;

      expect(firstAckOnNewPrimary, 'no write succeeded on the new primary').not.toBeNull();
      const failoverMs = (firstAckOnNewPrimary ?? 0) - stoppedAt;
      expect((firstAckOnNewPrimary ?? 0) - promotedAt).toBeLessThan(failoverTimeoutMs);
      expect(acksOnNewPrimary).toBeGreaterThanOrEqual(300);

      // Every call that failed says the database was unavailable; those in flight say the session was lost.
      expect(failed.length).toBeGreaterThan(0);
      for (const { error } of failed) expect(error).toBeInstanceOf(ConnectionError);
      const lost = failed.filter(({ error }) => error instanceof ConnectionLostError).length;

      const rows = await standby.query<{ id: number }>('SELECT id FROM failover_probe');
      const onNewPrimary = new Set(rows.map((row) => row.id));
      const missing = acknowledged.filter((id) => !onNewPrimary.has(id));
      expect(missing).toEqual([]);
      // A failed write was not re-sent: it is on the new primary at most once (the key says so) and only if its commit
      // reached the standby before the primary died — the caller cannot tell which, so failed ≠ not written.
      const failedButCommitted = failed.filter(({ id }) => onNewPrimary.has(id)).length;
      expect(onNewPrimary.size).toBe(acknowledged.length + failedButCommitted);

      console.log(
        `[scaling] failover (synchronous standby, ${writers} writers): primary stopped (immediate) in ${stopMs} ms, ` +
          `pg_ctl promote -w returned at ${promotedAt - stoppedAt} ms, first acknowledged write on the new primary at ` +
          `${failoverMs} ms; ` +
          `${acknowledged.length} writes acknowledged, 0 lost; ${failed.length} failed (${lost} ConnectionLostError, ` +
          `${failed.length - lost} ConnectionError), ${failedButCommitted} of them committed anyway`,
      );
      const reading = sql.type(z.object({ in_recovery: z.boolean() }))`SELECT pg_is_in_recovery() AS in_recovery`;
      expect((await pool.one(reading)).in_recovery).toBe(false);
    } finally {
      running = false;
      await pool.close();
    }
  });

  it('a new call that finds no host with the wanted role fails with ConnectionError once failoverTimeoutMs has passed', async () => {
    // Only the promoted server is left: no standby answers.
    const startedAt = Date.now();
    const error = await createPool({
      connectionString: `postgres://postgres@127.0.0.1:${cluster.primary.port},127.0.0.1:${standby.port}/postgres?target_session_attrs=standby`,
      failoverTimeoutMs: 1_000,
      connectTimeoutMs: 1_000,
    }).catch((caught: unknown) => caught);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toContain('within failoverTimeoutMs (1000 ms)');
    expect((error as Error).message).toContain(`127.0.0.1:${standby.port} is a read-write primary, not standby`);
  });
});
