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
} from '../src/index.js';
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
    await expect(createPool({ connectionString: databaseUrl, acquireTimeoutMs: -5 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('fails at creation with a ConnectionError naming host:port when nothing listens there', async () => {
    const error = await createPool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' }).catch((e: unknown) => e);
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
