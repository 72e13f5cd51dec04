import { migrate } from '@iprs/schema';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPool } from '../../src/index.js';
import { ConnectionError } from '../../src/errors/connection-error.js';
import { startAutoFailoverFormation, type AutoFailoverFormation } from './support/auto-failover-formation.js';

// Debian's pg_auto_failover: a monitor and two PostgreSQL 15 nodes. The monitor notices that the primary is gone and
// promotes the secondary by itself; the SDK only follows through its multi-host URL.
let formation: AutoFailoverFormation;
beforeAll(async () => {
  formation = await startAutoFailoverFormation();
}, 180_000);
afterAll(() => formation?.stop(), 60_000);

describe('pg_auto_failover performs the failover', () => {
  it('new writes reach the node it promotes, and no acknowledged write is lost', { timeout: 240_000 }, async () => {
    const [node1, node2] = formation.nodes;
    const hosts = `127.0.0.1:${node1.port},127.0.0.1:${node2.port}`;
    const url = `postgres://postgres@${hosts}/postgres?target_session_attrs=read-write`;
    await migrate(url);
    const pool = await createPool({
      connectionString: url,
      maxPoolSize: 2,
      connectTimeoutMs: 2_000,
      failoverTimeoutMs: 120_000,
      acquireTimeoutMs: 125_000,
    });
    const acknowledged: number[] = [];
    const failed: unknown[] = [];
    let nextId = 1;
    let running = true;
    let acksOnNode2 = 0;
    let firstAckOnNode2: number | null = null;
    try {
      await pool.query(sql.unsafe`CREATE TABLE auto_failover_probe (id int PRIMARY KEY)`);
      const synchronous = await pool.oneFirst(sql.unsafe`SELECT current_setting('synchronous_standby_names')`);
      const writer = async () => {
        while (running) {
          const id = nextId++;
          try {
            const port = await pool.oneFirst(
              sql.unsafe`INSERT INTO auto_failover_probe VALUES (${id}) RETURNING inet_server_port()`,
            );
            acknowledged.push(id);
            if (port === node2.port) {
              firstAckOnNode2 ??= Date.now();
              acksOnNode2 += 1;
            }
          } catch (error) {
            failed.push(error);
          }
        }
      };
      const writing = Promise.all([writer(), writer()]);
      while (acknowledged.length < 100) await new Promise((resolve) => setTimeout(resolve, 10));
      const killedAt = Date.now();
      await formation.kill(node1);
      const deadline = Date.now() + 150_000;
      while (acksOnNode2 < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      running = false;
      await writing;

      expect(
        firstAckOnNode2,
        `no write reached node2; monitor state:\n${await formation.state().catch(String)}`,
      ).not.toBeNull();
      for (const error of failed) expect(error).toBeInstanceOf(ConnectionError);
      const ids = await pool.anyFirst(sql.type(z.object({ id: z.number() }))`SELECT id FROM auto_failover_probe`);
      const present = new Set(ids);
      expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
      console.log(
        `[scaling] pg_auto_failover (synchronous_standby_names '${String(synchronous)}'): primary stopped, first ` +
          `acknowledged write on the promoted node after ${(firstAckOnNode2 ?? 0) - killedAt} ms; ` +
          `${acknowledged.length} writes acknowledged, 0 lost; ${failed.length} failed with ConnectionError`,
      );
    } finally {
      running = false;
      await pool.close();
    }
  });
});
