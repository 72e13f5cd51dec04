import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  createPool,
  dbConn,
  PoolExhaustedError,
  sql,
  ValidationError,
  withTransaction,
  type IprsPool,
} from '../src/index.js';
import { sessionEffectOf } from '../src/connection/session-effect.js';
import { openPool } from './support/open-pool.js';

const databaseUrl = await useMigratedDatabase();

const waitForIdle = async (stats: () => { acquired: number }) => {
  for (let attempt = 0; attempt < 200 && stats().acquired > 0; attempt += 1) await delay(10);
  return stats().acquired;
};

describe('createPool', () => {
  it('refuses a configuration without a connection string, naming the field', async () => {
    const saved = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    try {
      await expect(createPool({})).rejects.toMatchObject({ name: 'ValidationError', field: 'connectionString' });
    } finally {
      if (saved !== undefined) process.env['DATABASE_URL'] = saved;
    }
  });

  it('names the bad option', async () => {
    await expect(createPool({ connectionString: databaseUrl, maxPoolSize: 0 })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'maxPoolSize',
    });
    await expect(createPool({ connectionString: databaseUrl, acquireTimeoutMs: -5 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('fails at creation with a ConnectionError naming host:port when nothing listens there', async () => {
    const error = await createPool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).address).toBe('127.0.0.1:1');
    expect((error as Error).message).toContain('127.0.0.1:1');
  });

  it('fails with a ConnectionError naming the database when it does not exist', async () => {
    const url = new URL(databaseUrl);
    url.pathname = '/sdk_no_such_database';
    const error = await createPool({ connectionString: url.toString() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('sdk_no_such_database');
  });
});

describe('bounded wait for a connection', () => {
  it('throws PoolExhaustedError after the configured wait when every connection stays busy', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 2, acquireTimeoutMs: 300 });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = [1, 2].map(() => dbConn(pool, () => released));
    await delay(50);
    const started = performance.now();
    const error = await pool.oneFirst(sql.unsafe`SELECT 1`).catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(PoolExhaustedError);
    expect((error as PoolExhaustedError).maxPoolSize).toBe(2);
    expect((error as Error).message).toMatch(/300 ms.*all 2 connections/u);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(3_000);
    release();
    await Promise.all(holders);
    // The abandoned request hands its late connection straight back, and the pool works again.
    expect(await pool.oneFirst(sql.unsafe`SELECT 42`)).toBe(42);
    expect(await waitForIdle(() => pool.stats())).toBe(0);
    expect(pool.stats().waiting).toBe(0);
  });

  it('lets a queued caller through when a connection frees up within the wait', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1, acquireTimeoutMs: 2_000 });
    const holder = dbConn(pool, () => delay(100));
    await delay(10);
    expect(await pool.oneFirst(sql.unsafe`SELECT 7`)).toBe(7);
    await holder;
  });
});

describe('dbConn and withTransaction', () => {
  it('rolls back everything when the routine throws', async () => {
    const pool = await openPool(databaseUrl);
    await expect(
      withTransaction(pool, async (transaction) => {
        await transaction.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
          VALUES ('tx-rollback', 'BOND', 'rolled back', 'USD')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await pool.exists(sql.unsafe`SELECT 1 FROM instrument WHERE instrument_id = 'tx-rollback'`)).toBe(false);
  });

  it('nests as a savepoint: an inner failure caught by the outer routine undoes only the inner work', async () => {
    const pool = await openPool(databaseUrl);
    await withTransaction(pool, async (outer) => {
      await outer.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
        VALUES ('tx-outer', 'BOND', 'kept', 'USD')`);
      await withTransaction(outer, async (inner) => {
        await inner.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
          VALUES ('tx-inner', 'BOND', 'undone', 'USD')`);
        throw new Error('inner');
      }).catch(() => undefined);
    });
    const ids = await pool.anyFirst(
      sql.unsafe`SELECT instrument_id FROM instrument WHERE instrument_id IN ('tx-outer', 'tx-inner') ORDER BY 1`,
    );
    expect(ids).toEqual(['tx-outer']);
  });

  it('commits on success', async () => {
    const pool = await openPool(databaseUrl);
    await withTransaction(pool, (transaction) =>
      transaction.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
        VALUES ('tx-commit', 'BOND', 'committed', 'USD')`),
    );
    expect(await pool.exists(sql.unsafe`SELECT 1 FROM instrument WHERE instrument_id = 'tx-commit'`)).toBe(true);
  });

  it('10,000 operations with randomly thrown exceptions leave zero acquired connections', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 8, acquireTimeoutMs: 30_000 });
    let seed = 20_240_601;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let failed = 0;
    const operation = async (index: number) => {
      const kind = index % 3;
      const fail = random() < 0.2;
      const routine = async (connection: Parameters<Parameters<typeof dbConn>[1]>[0]) => {
        await connection.oneFirst(sql.unsafe`SELECT ${index}::int`);
        if (fail) throw new Error(`planned failure ${index}`);
      };
      try {
        if (kind === 0) await dbConn(pool, routine);
        else if (kind === 1) await withTransaction(pool, routine);
        else {
          await pool.oneFirst(sql.unsafe`SELECT ${index}::int`);
          if (fail) throw new Error(`planned failure ${index}`);
        }
      } catch {
        failed += 1;
      }
    };
    const total = 10_000;
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < total) await operation(next++);
      }),
    );
    expect(failed).toBeGreaterThan(1_000);
    expect(await waitForIdle(() => pool.stats())).toBe(0);
    expect(pool.stats().waiting).toBe(0);
    expect(pool.stats().state).toBe('ACTIVE');
  });

  it('resets what a dbConn or withTransaction routine did to its session before the next borrower gets it', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    const defaultTimezone = await pool.oneFirst(sql.unsafe`SHOW timezone`);
    await dbConn(pool, async (connection) => {
      await connection.query(sql.unsafe`SET timezone = 'Pacific/Chatham'`);
      await connection.query(sql.unsafe`CREATE TEMPORARY TABLE session_scratch (id int)`);
    });
    await withTransaction(pool, (transaction) => transaction.query(sql.unsafe`SET application_name = 'leaked'`));
    expect(await pool.oneFirst(sql.unsafe`SHOW timezone`)).toBe(defaultTimezone);
    expect(await pool.oneFirst(sql.unsafe`SHOW application_name`)).not.toBe('leaked');
    expect(await pool.oneFirst(sql.unsafe`SELECT to_regclass('pg_temp.session_scratch') IS NULL`)).toBe(true);
  });

  it('rolls back a transaction a dbConn routine began and left open, instead of lending it to the next borrower', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    await dbConn(pool, async (connection) => {
      await connection.query(sql.unsafe`BEGIN`);
      await connection.query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency)
        VALUES ('left-open', 'BOND', 'never committed', 'USD')`);
    });
    expect(await pool.oneFirst(sql.unsafe`SELECT pg_current_xact_id_if_assigned() IS NULL`)).toBe(true);
    expect(await pool.exists(sql.unsafe`SELECT 1 FROM instrument WHERE instrument_id = 'left-open'`)).toBe(false);
  });

  it('reports statistics and closes', async () => {
    const pool = await createPool({ connectionString: databaseUrl, maxPoolSize: 3 });
    expect(pool.stats()).toMatchObject({ maxPoolSize: 3, acquired: 0, waiting: 0, state: 'ACTIVE' });
    await pool.close();
    expect(pool.stats().state).toBe('ENDED');
    await expect(pool.oneFirst(sql.unsafe`SELECT 1`)).rejects.toThrow(/shut down|ended|terminated/u);
  });
});

const setup = await openPool(databaseUrl);
await setup.query(sql.unsafe`CREATE TABLE IF NOT EXISTS pool_probe (caller int NOT NULL)`);
await setup.query(sql.unsafe`DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iprs_pool_probe_role') THEN CREATE ROLE iprs_pool_probe_role; END IF;
END $$`);
await setup.query(sql.unsafe`GRANT iprs_pool_probe_role TO CURRENT_USER`);
const defaults = (await setup.one(sql.unsafe`
  SELECT current_setting('timezone') AS timezone, current_user AS "user", current_setting('application_name') AS app`)) as Record<
  string,
  string
>;

describe('sessions cannot poison each other', () => {
  /** Everything a borrower can leave behind, as seen by the next borrower of the same session. */
  const sessionState = (pool: IprsPool) =>
    pool.one(sql.unsafe`SELECT
      pg_backend_pid() AS pid,
      now() = statement_timestamp() AS outside_transaction,
      current_setting('timezone') AS timezone,
      current_user AS "user",
      session_user AS session_user,
      current_setting('application_name') AS app,
      (SELECT count(*)::int FROM pg_class WHERE relpersistence = 't' AND pg_table_is_visible(oid)) AS temp_tables,
      (SELECT count(*)::int FROM pg_listening_channels()) AS channels,
      (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory_locks,
      (SELECT count(*)::int FROM pg_prepared_statements) AS prepared,
      (SELECT count(*)::int FROM pg_cursors) AS cursors`);

  const clean = {
    outside_transaction: true,
    timezone: defaults['timezone'],
    user: defaults['user'],
    session_user: defaults['user'],
    app: defaults['app'],
    temp_tables: 0,
    channels: 0,
    advisory_locks: 0,
    prepared: 0,
    cursors: 0,
  };

  const poisons: ReadonlyArray<readonly [string, (pool: IprsPool) => Promise<unknown>]> = [
    ['BEGIN left open (pool.query)', (pool) => pool.query(sql.unsafe`BEGIN`)],
    [
      'START TRANSACTION after a comment (pool.any)',
      (pool) => pool.any(sql.unsafe`/* x */ START TRANSACTION ISOLATION LEVEL SERIALIZABLE`),
    ],
    [
      'an aborted transaction a dbConn routine caught and left',
      (pool) =>
        dbConn(pool, async (connection) => {
          await connection.query(sql.unsafe`BEGIN`);
          await connection.query(sql.unsafe`SELECT 1 / 0`).catch(() => undefined);
        }),
    ],
    ['SET timezone (pool.query)', (pool) => pool.query(sql.unsafe`SET timezone = 'Pacific/Chatham'`)],
    [
      'SET SESSION application_name (pool.query)',
      (pool) => pool.query(sql.unsafe`set session application_name = 'leaked'`),
    ],
    ['SET ROLE (pool.query)', (pool) => pool.query(sql.unsafe`SET ROLE iprs_pool_probe_role`)],
    [
      'SET SESSION AUTHORIZATION (pool.query)',
      (pool) => pool.query(sql.unsafe`SET SESSION AUTHORIZATION iprs_pool_probe_role`),
    ],
    [
      'set_config(..., false) (pool.oneFirst)',
      (pool) => pool.oneFirst(sql.unsafe`SELECT set_config('application_name', 'leaked', false)`),
    ],
    ['a temporary table (pool.query)', (pool) => pool.query(sql.unsafe`CREATE TEMP TABLE leaked_scratch (id int)`)],
    [
      'SELECT INTO a temporary table (pool.query)',
      (pool) => pool.query(sql.unsafe`SELECT 1 AS id INTO TEMPORARY leaked_into`),
    ],
    ['LISTEN (pool.query)', (pool) => pool.query(sql.unsafe`LISTEN iprs_leaked_channel`)],
    ['an advisory lock (pool.oneFirst)', (pool) => pool.oneFirst(sql.unsafe`SELECT pg_advisory_lock(424242)::text`)],
    [
      'a shared advisory lock (pool.maybeOne)',
      (pool) => pool.maybeOne(sql.unsafe`SELECT pg_try_advisory_lock_shared(4243) AS got`),
    ],
    [
      'set_config(..., false) (pool.many)',
      (pool) => pool.many(sql.unsafe`SELECT set_config('timezone', 'Asia/Tokyo', false)`),
    ],
    [
      'advisory locks (pool.anyFirst)',
      (pool) => pool.anyFirst(sql.unsafe`SELECT pg_advisory_lock(g)::text FROM generate_series(5001, 5002) AS g`),
    ],
    ['an advisory lock (pool.exists)', (pool) => pool.exists(sql.unsafe`SELECT pg_advisory_lock(5003)`)],
    [
      'set_config(..., false) (pool.stream)',
      (pool) =>
        pool.stream(sql.unsafe`SELECT set_config('application_name', 'streamed', false)`, async (stream) => {
          for await (const row of stream) expect(row).toBeDefined();
        }),
    ],
    ['PREPARE (pool.query)', (pool) => pool.query(sql.unsafe`PREPARE leaked_plan AS SELECT 1`)],
    [
      'a WITH HOLD cursor (pool.query)',
      (pool) => pool.query(sql.unsafe`DECLARE leaked_cursor CURSOR WITH HOLD FOR SELECT 1`),
    ],
    [
      'SET inside withTransaction',
      (pool) => withTransaction(pool, (tx) => tx.query(sql.unsafe`SET timezone = 'Asia/Kathmandu'`)),
    ],
    [
      'a temporary table inside dbConn',
      (pool) => dbConn(pool, (c) => c.query(sql.unsafe`CREATE TEMPORARY TABLE leaked_dbconn (id int)`)),
    ],
  ];

  it.each(poisons)('%s: the next borrower of the same session finds it clean', async (_name, poison) => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    const { pid } = (await sessionState(pool)) as { pid: number };
    await poison(pool);
    const after = await sessionState(pool);
    expect(after).toEqual({ pid, ...clean });
  });

  it('40 inserts by other callers after a pooled BEGIN, SET and advisory lock are all committed', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 2 });
    const observer = await openPool(databaseUrl, { maxPoolSize: 1 });
    await pool.query(sql.unsafe`DELETE FROM pool_probe`);
    await Promise.all([
      pool.query(sql.unsafe`BEGIN`),
      pool.query(sql.unsafe`SET application_name = 'leaked'`),
      pool.oneFirst(sql.unsafe`SELECT pg_advisory_lock(777)::text`),
    ]);
    const acknowledged = await Promise.all(
      Array.from({ length: 40 }, (_, caller) =>
        pool.query(sql.unsafe`INSERT INTO pool_probe (caller) VALUES (${caller})`).then(() => caller),
      ),
    );
    expect(acknowledged).toHaveLength(40);
    expect(await observer.oneFirst(sql.unsafe`SELECT count(*)::int FROM pool_probe`)).toBe(40);
    expect(
      await observer.oneFirst(
        sql.unsafe`SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND objid = 777`,
      ),
    ).toBe(0);
    expect(
      await observer.oneFirst(sql.unsafe`SELECT count(*)::int FROM pg_stat_activity
        WHERE datname = current_database() AND (state LIKE 'idle in transaction%' OR application_name = 'leaked')`),
    ).toBe(0);
  });

  it('resets only the sessions that need it: a clean call is released without a reset statement', async () => {
    const pool = await openPool(databaseUrl, { maxPoolSize: 1 });
    const observer = await openPool(databaseUrl, { maxPoolSize: 1 });
    const pid = Number(await pool.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
    const lastStatementOf = async (expected: RegExp) => {
      let last = '';
      for (let attempt = 0; attempt < 200; attempt += 1) {
        last = String(await observer.oneFirst(sql.unsafe`SELECT query FROM pg_stat_activity WHERE pid = ${pid}`));
        if (expected.test(last)) break;
        await delay(10);
      }
      return last;
    };
    await pool.oneFirst(sql.unsafe`SELECT 'clean-call-marker'`);
    expect(await lastStatementOf(/clean-call-marker/u)).toMatch(/clean-call-marker/u);
    await pool.query(sql.unsafe`SET timezone = 'Pacific/Chatham'`);
    expect(await lastStatementOf(/DISCARD ALL/u)).toBe('DISCARD ALL');
    await withTransaction(pool, (tx) => tx.oneFirst(sql.unsafe`SELECT 'transaction-marker'`));
    expect(await lastStatementOf(/^COMMIT$/u)).toBe('COMMIT');
  });

  it('classifies statements by what they leave on the session', () => {
    const cases: ReadonlyArray<readonly [string, ReturnType<typeof sessionEffectOf>]> = [
      ['SELECT * FROM position WHERE position_id = $1', 'none'],
      ["UPDATE position SET status = 'CLOSED'", 'none'],
      ['SELECT pg_advisory_xact_lock(1)', 'none'],
      ['SET LOCAL statement_timeout = 1', 'none'],
      ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', 'none'],
      ['SET CONSTRAINTS ALL DEFERRED', 'none'],
      ['ROLLBACK TO SAVEPOINT a', 'none'],
      ['  begin', 'opens-transaction'],
      ['-- why\nSTART TRANSACTION', 'opens-transaction'],
      ['COMMIT AND CHAIN', 'opens-transaction'],
      ['COMMIT', 'ends-transaction'],
      ['rollback', 'ends-transaction'],
      ['END', 'ends-transaction'],
      ["PREPARE TRANSACTION 'x'", 'ends-transaction'],
      ['SET search_path = x', 'changes-session'],
      ['SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY', 'changes-session'],
      ['RESET ALL', 'changes-session'],
      ['LISTEN x', 'changes-session'],
      ['PREPARE p AS SELECT 1', 'changes-session'],
      ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', 'changes-session'],
      ['DO $$ BEGIN PERFORM 1; END $$', 'changes-session'],
      ['CALL p()', 'changes-session'],
      ['CREATE GLOBAL TEMPORARY TABLE t (id int)', 'changes-session'],
      ['CREATE TABLE pg_temp.t (id int)', 'changes-session'],
      ["SELECT set_config('a.b', 'c', false)", 'changes-session'],
      ['SELECT pg_try_advisory_lock(1)', 'changes-session'],
      ['SELECT pg_advisory_lock_shared(1)', 'changes-session'],
    ];
    for (const [text, effect] of cases) expect([text, sessionEffectOf(text)]).toEqual([text, effect]);
  });
});

describe('lock_timeout', () => {
  it('is set at session start from lockTimeoutMs (default 5 s) and survives the reset of a changed session', async () => {
    const byDefault = await openPool(databaseUrl, { maxPoolSize: 1 });
    expect(await byDefault.oneFirst(sql.unsafe`SHOW lock_timeout`)).toBe('5s');
    const configured = await openPool(databaseUrl, { maxPoolSize: 1, lockTimeoutMs: 1_234 });
    expect(await configured.oneFirst(sql.unsafe`SHOW lock_timeout`)).toBe('1234ms');
    await configured.query(sql.unsafe`SET lock_timeout = 0`);
    expect(await configured.oneFirst(sql.unsafe`SHOW lock_timeout`)).toBe('1234ms');
    expect(configured.settings.lockTimeoutMs).toBe(1_234);
  });

  it("keeps the connection string's own startup options", async () => {
    const url = new URL(databaseUrl);
    url.searchParams.set('options', '-c application_name=from-options');
    const pool = await openPool(url.toString(), { maxPoolSize: 1, lockTimeoutMs: 2_000 });
    expect(
      await pool.one(
        sql.unsafe`SELECT current_setting('application_name') AS app, current_setting('lock_timeout') AS lock`,
      ),
    ).toEqual({
      app: 'from-options',
      lock: '2s',
    });
  });

  it('refuses a lockTimeoutMs that is not a positive number of milliseconds', async () => {
    await expect(createPool({ connectionString: databaseUrl, lockTimeoutMs: 0 })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'lockTimeoutMs',
    });
  });
});
