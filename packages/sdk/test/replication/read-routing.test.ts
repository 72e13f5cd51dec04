import { migrate } from '@iprs/schema';
import { startStreamingCluster } from '@iprs/testkit';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPool, type IprsPool, type PoolConfig } from '../../src/index.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { createInstrument } from '../../src/instruments/create-instrument.js';
import { getInstrument } from '../../src/instruments/get-instrument.js';

// A PostgreSQL 15 primary and two pg_basebackup -R streaming standbys on loopback (the system binaries).
const cluster = await startStreamingCluster({ standbys: 2 });
const [standby1, standby2] = cluster.standbys as [(typeof cluster.standbys)[number], (typeof cluster.standbys)[number]];
const readWrite = `postgres://postgres@127.0.0.1:${standby1.port},127.0.0.1:${cluster.primary.port}/postgres?target_session_attrs=read-write`;
const pools: IprsPool[] = [];

const open = async (config: PoolConfig): Promise<IprsPool> => {
  const pool = await createPool({ connectionString: readWrite, replicaCheckIntervalMs: 50, ...config });
  pools.push(pool);
  return pool;
};

const inRecovery = sql.type(z.object({ in_recovery: z.boolean() }))`SELECT pg_is_in_recovery() AS in_recovery`;
const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const eligibleReplicas = (pool: IprsPool) => pool.routing().replicas.filter((replica) => replica.eligible).length;

beforeAll(async () => {
  // Migrating through a multi-host URL whose first host is a standby: the runner must pick the primary.
  await migrate(readWrite);
  await cluster.primary.query('CREATE TABLE routing_probe (id int PRIMARY KEY)');
  await cluster.primary.query(`
    CREATE FUNCTION write_behind_select() RETURNS int LANGUAGE sql VOLATILE
    AS 'INSERT INTO routing_probe VALUES (-1) ON CONFLICT DO NOTHING RETURNING 1'`);
  // Every test starts with standbys that have replayed the schema (a lag bound alone does not promise that).
  const [{ lsn } = { lsn: '' }] = await cluster.primary.query<{ lsn: string }>(
    'SELECT pg_current_wal_lsn()::text AS lsn',
  );
  for (const standby of cluster.standbys) {
    await waitFor(async () => {
      const [row] = await standby.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [
        lsn,
      ]);
      return row?.done === true;
    }, 30_000);
  }
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await cluster.stop();
});

describe('multi-host URL (target_session_attrs)', () => {
  it('migrate reached the primary although the standby is listed first', async () => {
    const [row] = await cluster.primary.query<{ n: number }>('SELECT count(*)::int AS n FROM iprs_schema_migrations');
    expect(row?.n).toBeGreaterThan(0);
  });

  it('a pool picks the host with the wanted role, for every role libpq knows', async () => {
    const both = `127.0.0.1:${cluster.primary.port},127.0.0.1:${standby1.port}`;
    const standbyFirst = `127.0.0.1:${standby1.port},127.0.0.1:${cluster.primary.port}`;
    const cases = [
      [`postgres://postgres@${standbyFirst}/postgres?target_session_attrs=read-write`, false],
      [`postgres://postgres@${standbyFirst}/postgres?target_session_attrs=primary`, false],
      [`postgres://postgres@${both}/postgres?target_session_attrs=standby`, true],
      [`postgres://postgres@${both}/postgres?target_session_attrs=read-only`, true],
      [`postgres://postgres@${both}/postgres?target_session_attrs=prefer-standby`, true],
      [`postgres://postgres@${both}/postgres?target_session_attrs=any`, false],
      [`postgres://postgres@${standbyFirst}/postgres`, true],
    ] as const;
    for (const [connectionString, expectStandby] of cases) {
      const pool = await createPool({ connectionString });
      try {
        expect((await pool.one(inRecovery)).in_recovery, connectionString).toBe(expectStandby);
      } finally {
        await pool.close();
      }
    }
  });

  it('prefer-standby falls back to the primary when no standby answers; standby alone fails naming every host', async () => {
    const deadPort = 1;
    const prefer = await createPool({
      connectionString: `postgres://postgres@127.0.0.1:${deadPort},127.0.0.1:${cluster.primary.port}/postgres?target_session_attrs=prefer-standby`,
    });
    try {
      expect((await prefer.one(inRecovery)).in_recovery).toBe(false);
    } finally {
      await prefer.close();
    }
    const refused = await createPool({
      connectionString: `postgres://postgres@127.0.0.1:${deadPort},127.0.0.1:${cluster.primary.port}/postgres?target_session_attrs=standby`,
      failoverTimeoutMs: 0,
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'ConnectionError' });
    expect(String((refused as Error).message)).toContain(`127.0.0.1:${deadPort}`);
    expect(String((refused as Error).message)).toContain(
      `127.0.0.1:${cluster.primary.port} is a read-write primary, not standby`,
    );
  });

  it('refuses a malformed host list or an unknown target_session_attrs as a ValidationError', async () => {
    for (const connectionString of [
      `postgres://postgres@127.0.0.1:${cluster.primary.port},/postgres`,
      `postgres://postgres@127.0.0.1:${cluster.primary.port}/postgres?target_session_attrs=primary-ish`,
    ]) {
      await expect(createPool({ connectionString })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(createPool({ connectionString: readWrite, replicas: ['postgres://h1:5432,h2:x/db'] })).rejects.toThrow(
      /replicas\.0/,
    );
  });
});

describe('read routing', () => {
  it('sends read-only statements and SDK lookups to replicas, round robin, and writes to the primary', async () => {
    const pool = await open({ replicas: [standby1.url, standby2.url] });
    await waitFor(() => eligibleReplicas(pool) === 2);
    expect((await pool.one(inRecovery)).in_recovery).toBe(true);
    await pool.query(sql.unsafe`INSERT INTO routing_probe VALUES (1)`);
    const created = await createInstrument(pool, {
      instrument_id: 'EQ-ROUTED',
      instrument_type: 'EQUITY',
      name: 'Routed',
      currency: 'USD',
      isin: null,
      cusip: null,
      issuer_entity_id: null,
      maturity_date: null,
      terms_json: {},
    });
    // Without readYourWrites a read may come before a replica replayed the write: wait until both have it.
    const replayed = async (server: typeof standby1) =>
      (await server.query("SELECT 1 FROM instrument WHERE instrument_id = 'EQ-ROUTED'")).length === 1;
    await waitFor(async () => (await replayed(standby1)) && (await replayed(standby2)));
    expect(await getInstrument(pool, 'EQ-ROUTED')).toEqual(created);
    for (let index = 0; index < 10; index += 1) await pool.one(inRecovery);
    const reads = pool.routing().replicas.map((replica) => replica.reads);
    expect(
      reads.every((count) => count >= 2),
      JSON.stringify(pool.routing()),
    ).toBe(true);
    const [onPrimary] = await cluster.primary.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM routing_probe WHERE id = 1',
    );
    expect(onPrimary?.n).toBe(1);
  });

  it('keeps transactions, connect and statements that may write on the primary', async () => {
    const pool = await open({ replicas: [standby1.url] });
    await waitFor(() => eligibleReplicas(pool) === 1);
    expect(await pool.transaction(async (transaction) => (await transaction.one(inRecovery)).in_recovery)).toBe(false);
    expect(await pool.connect(async (connection) => (await connection.one(inRecovery)).in_recovery)).toBe(false);
    const locking = sql.type(z.object({ in_recovery: z.boolean() }))`
      SELECT pg_is_in_recovery() AS in_recovery FROM routing_probe WHERE id = 1 FOR UPDATE`;
    expect((await pool.one(locking)).in_recovery).toBe(false);
    expect(await pool.readTransaction(async (transaction) => (await transaction.one(inRecovery)).in_recovery)).toBe(
      true,
    );
  });

  it('runs on the primary a plain SELECT whose function writes (the standby refuses it with 25006)', async () => {
    const pool = await open({ replicas: [standby1.url] });
    await waitFor(() => eligibleReplicas(pool) === 1);
    expect(await pool.oneFirst(sql.unsafe`SELECT write_behind_select()`)).toBe(1);
    const [row] = await cluster.primary.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM routing_probe WHERE id = -1',
    );
    expect(row?.n).toBe(1);
  });

  it('skips a replica whose replay lags beyond maxReplicaLagMs, and reads the primary when all lag', async () => {
    const pool = await open({ replicas: [standby1.url, standby2.url], maxReplicaLagMs: 500 });
    await waitFor(() => eligibleReplicas(pool) === 2);
    await standby1.query('SELECT pg_wal_replay_pause()');
    try {
      await pool.query(sql.unsafe`INSERT INTO routing_probe VALUES (2)`);
      await waitFor(() => pool.routing().replicas[0]?.eligible === false);
      const lag = pool.routing().replicas[0]?.lagMs ?? 0;
      expect(lag).toBeGreaterThan(500);
      const before = pool.routing();
      for (let index = 0; index < 6; index += 1) await pool.one(inRecovery);
      const after = pool.routing();
      // Not one read went to the lagging replica; the other replica (or, were it slow too, the primary) took them.
      expect(after.replicas[0]?.reads).toBe(before.replicas[0]?.reads);
      const served =
        (after.replicas[1]?.reads ?? 0) -
        (before.replicas[1]?.reads ?? 0) +
        after.readsOnPrimary -
        before.readsOnPrimary;
      expect(served).toBe(6);

      await standby2.query('SELECT pg_wal_replay_pause()');
      await pool.query(sql.unsafe`INSERT INTO routing_probe VALUES (3)`);
      await waitFor(() => eligibleReplicas(pool) === 0);
      const primaryReads = pool.routing().readsOnPrimary;
      expect((await pool.one(inRecovery)).in_recovery).toBe(false);
      expect(pool.routing().readsOnPrimary).toBe(primaryReads + 1);
      console.log(
        `[scaling] paused replay: replica lag measured ${lag} ms > bound 500 ms; reads went to the other replica, then to the primary`,
      );
    } finally {
      await standby1.query('SELECT pg_wal_replay_resume()');
      await standby2.query('SELECT pg_wal_replay_resume()');
    }
    await waitFor(() => eligibleReplicas(pool) === 2);
    expect((await pool.one(inRecovery)).in_recovery).toBe(true);
  });

  it('read-your-writes: a read after a write sees it, from a replica once replayed, else from the primary', async () => {
    const pool = await open({
      replicas: [standby1.url],
      readYourWrites: true,
      readYourWritesTimeoutMs: 5_000,
      maxReplicaLagMs: 60_000,
    });
    await waitFor(() => eligibleReplicas(pool) === 1);
    const seen = sql.type(z.object({ in_recovery: z.boolean(), n: z.number() }))`
      SELECT pg_is_in_recovery() AS in_recovery, (SELECT count(*)::int FROM routing_probe WHERE id = 10) AS n`;
    await pool.query(sql.unsafe`INSERT INTO routing_probe VALUES (10)`);
    expect(await pool.one(seen)).toEqual({ in_recovery: true, n: 1 });

    await standby1.query('SELECT pg_wal_replay_pause()');
    try {
      await pool.query(sql.unsafe`DELETE FROM routing_probe WHERE id = 10`);
      // The replica is within the (generous) lag bound but has not replayed the delete: the primary answers.
      expect(await pool.one(seen)).toEqual({ in_recovery: false, n: 0 });
    } finally {
      await standby1.query('SELECT pg_wal_replay_resume()');
    }
    expect(await pool.one(seen)).toEqual({ in_recovery: true, n: 0 });
  });

  it('a replica URL may itself list hosts (target_session_attrs=standby)', async () => {
    const standbys = `postgres://postgres@127.0.0.1:${cluster.primary.port},127.0.0.1:${standby2.port}/postgres?target_session_attrs=standby`;
    const pool = await open({ replicas: [standbys, standby1.url] });
    await waitFor(() => eligibleReplicas(pool) === 2);
    expect(pool.routing().replicas[0]?.address).toBe(`127.0.0.1:${cluster.primary.port},127.0.0.1:${standby2.port}`);
    expect((await pool.one(inRecovery)).in_recovery).toBe(true);
  });

  it('measures reads per second with 0, 1 and 2 replicas (figures for docs/scaling.md, not asserted)', async () => {
    const query = sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM generate_series(1, 20000) AS g WHERE g % 7 = 0`;
    const throughput = async (replicas: string[]) => {
      const pool = await open({ replicas, maxPoolSize: 4 });
      await waitFor(() => eligibleReplicas(pool) === replicas.length);
      const durationMs = 1_500;
      const end = Date.now() + durationMs;
      let reads = 0;
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          while (Date.now() < end) {
            expect((await pool.one(query)).n).toBe(2857);
            reads += 1;
          }
        }),
      );
      return (reads / durationMs) * 1000;
    };
    const none = await throughput([]);
    const one = await throughput([standby1.url]);
    const two = await throughput([standby1.url, standby2.url]);
    console.log(
      `[scaling] reads/s with 0, 1, 2 replicas: ${none.toFixed(0)}, ${one.toFixed(0)}, ${two.toFixed(0)} ` +
        `(ratios 1 : ${(one / none).toFixed(2)} : ${(two / none).toFixed(2)})`,
    );
    expect(Math.min(none, one, two)).toBeGreaterThan(0);
  });

  // Last: it stops standby2 for good.
  it('a replica that dies is skipped once its check fails, and reads go on', async () => {
    const pool = await open({ replicas: [standby1.url, standby2.url] });
    await waitFor(() => eligibleReplicas(pool) === 2);
    await standby2.stop('immediate');
    await waitFor(() => pool.routing().replicas[1]?.reachable === false);
    expect(pool.routing().replicas[1]?.lastError).not.toBeNull();
    for (let index = 0; index < 6; index += 1) expect((await pool.one(inRecovery)).in_recovery).toBe(true);
    expect(pool.routing().replicas[0]?.reads).toBeGreaterThanOrEqual(6);
  });
});
