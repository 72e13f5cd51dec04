import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { BackendTerminatedUnexpectedlyError, IdleTransactionTimeoutError } from 'slonik';
import { describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  ConnectionError,
  ConnectionLostError,
  ConstraintViolationError,
  createNode,
  createPool,
  createPosition,
  DatabaseError,
  dbConn,
  InsufficientResourcesError,
  InternalDatabaseError,
  InUseError,
  InvalidReferenceError,
  InvalidStatementError,
  IprsError,
  LimitExceededError,
  LockTimeoutError,
  NotFoundError,
  ObjectStateError,
  PermissionDeniedError,
  ResultShapeError,
  sql,
  StatementCancelledError,
  StatementTimeoutError,
  TransactionRollbackError,
  TransactionStateError,
  ValidationError,
  withTransaction,
  type Interceptor,
} from '../src/index.js';
import { translateDatabaseError } from '../src/errors/translate-database-error.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
let queriesRun = 0;
const counter: Interceptor = {
  name: 'count-queries',
  beforeQueryExecution: () => {
    queriesRun += 1;
    return null;
  },
};
const pool = await openPool(databaseUrl, { interceptors: [counter] });
await seedInstruments(pool, ['ERR-1']);
await createNode(pool, { portfolio_node_id: 'ERR-FUND', name: 'Errors', node_type: 'FUND' });

describe('PostgreSQL errors become typed SDK errors', () => {
  it('unique violation → ConflictError with constraint and columns', async () => {
    const error = await createNode(pool, { portfolio_node_id: 'ERR-FUND', name: 'again', node_type: 'FUND' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      constraint: 'portfolio_node_pkey',
      table: 'portfolio_node',
      columns: ['portfolio_node_id'],
    });
    expect(error.message).toContain('ERR-FUND');
  });

  it('foreign key violation on insert → InvalidReferenceError naming the constraint', async () => {
    const error = await createPosition(pool, {
      portfolio_node_id: 'ERR-FUND',
      instrument_id: 'NO-SUCH-INSTRUMENT',
      quantity: '1',
      base_ccy: 'USD',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error).toMatchObject({ constraint: 'position_instrument_id_fkey', columns: ['instrument_id'] });
    expect(error.message).toContain('NO-SUCH-INSTRUMENT');
  });

  it('foreign key violation on delete → InUseError', async () => {
    await createPosition(pool, {
      portfolio_node_id: 'ERR-FUND',
      instrument_id: 'ERR-1',
      quantity: '1',
      base_ccy: 'USD',
    });
    const error = await pool.query(sql.unsafe`DELETE FROM instrument WHERE instrument_id = 'ERR-1'`).catch((e) => e);
    expect(error).toBeInstanceOf(InUseError);
    expect(error).toMatchObject({ constraint: 'position_instrument_id_fkey' });
  });

  it('CHECK violation → ConstraintViolationError with a message saying what is allowed', async () => {
    const error = await pool
      .query(sql.unsafe`UPDATE position SET status = 'LOST' WHERE portfolio_node_id = 'ERR-FUND'`)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({ constraint: 'position_status_check', table: 'position' });
    expect(error.message).toContain('ACTIVE, CLOSED, DELETED');
  });

  it('NOT NULL violation → ConstraintViolationError naming the column', async () => {
    const error = await pool
      .query(
        sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('x', 'BOND', NULL, 'USD')`,
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({ columns: ['name'] });
  });

  it('P0002 (no_data_found) → NotFoundError; bad value syntax → ValidationError', async () => {
    const missing = await pool
      .query(sql.unsafe`DO $$ BEGIN RAISE EXCEPTION 'nothing here' USING ERRCODE = 'P0002'; END $$`)
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    const bad = await pool.query(sql.unsafe`SELECT 'abc'::numeric`).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
  });

  it('inside transactions too, and the transaction rolls back', async () => {
    const error = await withTransaction(pool, async (transaction) => {
      await createNode(transaction, { portfolio_node_id: 'ERR-TX', name: 'rolled back', node_type: 'FUND' });
      await createNode(transaction, { portfolio_node_id: 'ERR-TX', name: 'duplicate', node_type: 'FUND' });
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await pool.exists(sql.unsafe`SELECT 1 FROM portfolio_node WHERE portfolio_node_id = 'ERR-TX'`)).toBe(false);
  });

  it('ON CONFLICT DO UPDATE changing a row twice (21000) → ConflictError', async () => {
    const error = await pool
      .query(
        sql.unsafe`
        INSERT INTO portfolio_node (portfolio_node_id, name, node_type)
        VALUES ('ERR-TWICE', 'a', 'FUND'), ('ERR-TWICE', 'b', 'FUND')
        ON CONFLICT (portfolio_node_id) DO UPDATE SET name = EXCLUDED.name`,
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('cannot affect row a second time');
  });

  it('a connection terminated under a running query (pg_terminate_backend) → ConnectionLostError, a ConnectionError', async () => {
    const error = await dbConn(pool, async (connection) => {
      const pid = Number(await connection.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
      const running = connection.query(sql.unsafe`SELECT pg_sleep(30)`);
      const terminated = (async () => {
        while (
          !(await pool.exists(
            sql.unsafe`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid} AND query LIKE '%pg_sleep%'`,
          ))
        ) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return pool.oneFirst(sql.unsafe`SELECT pg_terminate_backend(${pid})`);
      })();
      await Promise.allSettled([running, terminated]);
      expect(await terminated).toBe(true);
      return running;
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.address).toBe(pool.address);
    // The server sends its reason and closes the socket; on a busy machine the driver may see the close first, so
    // either text is the driver's honest account of the same loss.
    expect(error.message).toMatch(
      /^Lost the connection to PostgreSQL at [^:]+:\d+: (terminating connection due to administrator command|Connection terminated unexpectedly)/,
    );
    expect(await pool.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
    expect(pool.stats().acquired).toBe(0);
  });

  it('other ended sessions are lost connections; refused sessions are ConnectionErrors', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
    for (const code of ['57P01', '57P02', '08006', '08003', '25P03']) {
      expect(translateDatabaseError(pgError(code, 'gone'))).toBeInstanceOf(ConnectionLostError);
    }
    expect(translateDatabaseError(new IdleTransactionTimeoutError(new Error('idle')))).toBeInstanceOf(
      ConnectionLostError,
    );
    expect(translateDatabaseError(new BackendTerminatedUnexpectedlyError(new Error('eof')))).toBeInstanceOf(
      ConnectionLostError,
    );
    for (const code of ['57P03', '08001', 'ECONNREFUSED']) {
      const refused = translateDatabaseError(pgError(code, 'not now'));
      expect(refused).toBeInstanceOf(ConnectionError);
      expect(refused).not.toBeInstanceOf(ConnectionLostError);
    }
  });

  it('leaves errors it does not know unchanged', () => {
    const error = new Error('plain');
    expect(translateDatabaseError(error)).toBe(error);
    const fileError = Object.assign(new Error('not permitted'), { code: 'EPERM' });
    expect(translateDatabaseError(fileError)).toBe(fileError);
  });
});

const otherPool = await openPool(databaseUrl, { maxPoolSize: 2 });
await otherPool.query(sql.unsafe`DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iprs_errors_reader') THEN CREATE ROLE iprs_errors_reader; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iprs_errors_nologin') THEN
    CREATE ROLE iprs_errors_nologin NOLOGIN PASSWORD 'probe';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iprs_errors_no_slots') THEN
    CREATE ROLE iprs_errors_no_slots LOGIN PASSWORD 'probe' CONNECTION LIMIT 0;
  END IF;
END $$`);
await otherPool.query(sql.unsafe`GRANT iprs_errors_reader TO CURRENT_USER`);
await otherPool.query(sql.unsafe`CREATE SEQUENCE IF NOT EXISTS errors_probe_seq`);
await otherPool.query(sql.unsafe`CREATE TABLE IF NOT EXISTS errors_probe (id int PRIMARY KEY, n int NOT NULL)`);
await otherPool.query(sql.unsafe`INSERT INTO errors_probe VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING`);

const as = (user: string) => {
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = 'probe';
  return url.toString();
};

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ resolvedWith: value }),
    (error: unknown) => error,
  );

describe('every SQLSTATE class the SDK can meet is an IprsError subclass, triggered by a real statement', () => {
  it('08 and 57P01: a terminated session is a ConnectionLostError naming host:port (see the terminate test above)', async () => {
    const error = await failureOf(
      dbConn(pool, async (connection) => {
        const pid = Number(await connection.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
        await otherPool.query(sql.unsafe`SELECT pg_terminate_backend(${pid})`);
        return connection.query(sql.unsafe`SELECT 1`);
      }),
    );
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as ConnectionLostError).address).toBe(pool.address);
  });

  it("08 reported by a live session about another server (dblink) → DatabaseError, not this pool's ConnectionError", async () => {
    await otherPool.query(sql.unsafe`CREATE EXTENSION IF NOT EXISTS dblink`);
    const error = await failureOf(
      pool.query(
        sql.unsafe`SELECT dblink_connect('iprs_probe', 'host=127.0.0.1 port=1 dbname=none connect_timeout=2')`,
      ),
    );
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as IprsError).code).toMatch(/^08/u);
    expect(await pool.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
  });

  it('22 data exception → ValidationError (division by zero, numeric overflow, bad date)', async () => {
    for (const statement of [
      sql.unsafe`SELECT 1 / 0`,
      sql.unsafe`SELECT 1e400::numeric::float8`,
      sql.unsafe`SELECT '2024-02-30'::date`,
    ]) {
      const error = await failureOf(pool.query(statement));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as IprsError).code).toMatch(/^22/u);
    }
  });

  it('25 invalid transaction state → TransactionStateError: 25P02 after a failed statement, 25006 in a read-only transaction', async () => {
    const aborted = await failureOf(
      withTransaction(pool, async (transaction) => {
        await transaction.query(sql.unsafe`SELECT 1 / 0`).catch(() => undefined);
        await transaction.query(sql.unsafe`SELECT 1`);
      }),
    );
    expect(aborted).toBeInstanceOf(TransactionStateError);
    expect(aborted).toMatchObject({ code: '25P02' });
    const readOnly = await failureOf(
      withTransaction(pool, async (transaction) => {
        await transaction.query(sql.unsafe`SET TRANSACTION READ ONLY`);
        await transaction.query(sql.unsafe`UPDATE errors_probe SET n = n + 1`);
      }),
    );
    expect(readOnly).toBeInstanceOf(TransactionStateError);
    expect(readOnly).toMatchObject({ code: '25006' });
  });

  it('28 invalid authorization → ConnectionError naming host:port (a role without LOGIN)', async () => {
    const error = await failureOf(createPool({ connectionString: as('iprs_errors_nologin') }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: '28000', address: pool.address });
    expect((error as Error).message).toContain('not permitted to log in');
  });

  it('40 transaction rollback → TransactionRollbackError (a real deadlock), and withTransaction still retries class 40', async () => {
    let holdsFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (holdsFirst = resolve));
    let holdsSecond = () => {};
    const secondHeld = new Promise<void>((resolve) => (holdsSecond = resolve));
    const crossing = (first: number, second: number, held: () => void, otherHeld: Promise<void>) =>
      dbConn(otherPool, async (connection) => {
        await connection.query(sql.unsafe`BEGIN`);
        await connection.query(sql.unsafe`UPDATE errors_probe SET n = n + 1 WHERE id = ${first}`);
        held();
        await otherHeld;
        await connection.query(sql.unsafe`UPDATE errors_probe SET n = n + 1 WHERE id = ${second}`);
        await connection.query(sql.unsafe`COMMIT`);
      });
    const outcomes = await Promise.allSettled([
      crossing(1, 2, holdsFirst, secondHeld),
      crossing(2, 1, holdsSecond, firstHeld),
    ]);
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(TransactionRollbackError);
    expect(failures[0]).toMatchObject({ code: '40P01' });

    let attempts = 0;
    const result = await withTransaction(pool, async (transaction) => {
      attempts += 1;
      if (attempts === 1) {
        await transaction.query(
          sql.unsafe`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$`,
        );
      }
      return transaction.oneFirst(sql.unsafe`SELECT 'second attempt'`);
    });
    expect({ attempts, result }).toEqual({ attempts: 2, result: 'second attempt' });
  });

  it('42 syntax or access → InvalidStatementError (42601, 42P01, several statements), PermissionDeniedError (42501)', async () => {
    const syntax = await failureOf(pool.query(sql.unsafe`SELEC 1`));
    expect(syntax).toBeInstanceOf(InvalidStatementError);
    expect(syntax).toMatchObject({ code: '42601' });
    const missing = await failureOf(pool.query(sql.unsafe`SELECT * FROM no_such_table_anywhere`));
    expect(missing).toBeInstanceOf(InvalidStatementError);
    expect(missing).toMatchObject({ code: '42P01' });
    expect((missing as Error).message).toContain('no_such_table_anywhere');
    const twoStatements = await failureOf(pool.query(sql.unsafe`SELECT 1; SELECT 2`));
    expect(twoStatements).toBeInstanceOf(InvalidStatementError);
    const denied = await failureOf(
      dbConn(pool, async (connection) => {
        await connection.query(sql.unsafe`SET ROLE iprs_errors_reader`);
        return connection.query(sql.unsafe`SELECT * FROM errors_probe`);
      }),
    );
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).toMatchObject({ code: '42501' });
  });

  it('53 insufficient resources → InsufficientResourcesError (temp_file_limit), and at connect a ConnectionError (53300)', async () => {
    const error = await failureOf(
      dbConn(pool, async (connection) => {
        await connection.query(sql.unsafe`SET work_mem = '64kB'`);
        await connection.query(sql.unsafe`SET temp_file_limit = '64kB'`);
        return connection.query(sql.unsafe`SELECT g FROM generate_series(1, 300000) AS g ORDER BY g DESC`);
      }),
    );
    expect(error).toBeInstanceOf(InsufficientResourcesError);
    expect(error).toMatchObject({ code: '53400' });
    const noSlots = await failureOf(createPool({ connectionString: as('iprs_errors_no_slots') }));
    expect(noSlots).toBeInstanceOf(ConnectionError);
    expect(noSlots).toMatchObject({ code: '53300', address: pool.address });
  });

  it('54 program limit → LimitExceededError (more than 100 function arguments)', async () => {
    const args = sql.join(
      Array.from({ length: 101 }, (_, index) => sql.unsafe`${sql.literalValue(String(index))}`),
      sql.fragment`, `,
    );
    const error = await failureOf(pool.query(sql.unsafe`SELECT concat(${args})`));
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ code: '54023' });
  });

  it('55 object state → LockTimeoutError (55P03, NOWAIT on a locked row), ObjectStateError (currval before nextval)', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = withTransaction(otherPool, async (transaction) => {
      await transaction.query(sql.unsafe`SELECT * FROM errors_probe WHERE id = 1 FOR UPDATE`);
      locked();
      await released;
    });
    await isLocked;
    const nowait = await failureOf(pool.query(sql.unsafe`SELECT * FROM errors_probe WHERE id = 1 FOR UPDATE NOWAIT`));
    release();
    await holder;
    expect(nowait).toBeInstanceOf(LockTimeoutError);
    expect(nowait).toMatchObject({ code: '55P03' });
    const currval = await failureOf(pool.query(sql.unsafe`SELECT currval('errors_probe_seq')`));
    expect(currval).toBeInstanceOf(ObjectStateError);
    expect(currval).toMatchObject({ code: '55000' });
  });

  it('57 operator intervention → StatementTimeoutError (57014 by statement_timeout), StatementCancelledError (pg_cancel_backend)', async () => {
    const impatient = await openPool(databaseUrl, { maxPoolSize: 1, statementTimeoutMs: 200 });
    const timedOut = await failureOf(impatient.query(sql.unsafe`SELECT pg_sleep(5)`));
    expect(timedOut).toBeInstanceOf(StatementTimeoutError);
    expect(timedOut).toMatchObject({ code: '57014' });
    const cancelled = await failureOf(
      dbConn(pool, async (connection) => {
        const pid = Number(await connection.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
        const sleeping = connection.query(sql.unsafe`SELECT pg_sleep(5)`);
        // The cancel can land before pg_cancel_backend's own reply: handled here, still returned (rejected) below.
        sleeping.catch(() => undefined);
        const sleepingNow = sql.unsafe`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid} AND state = 'active' AND query LIKE '%pg_sleep%'`;
        while (!(await otherPool.exists(sleepingNow))) await new Promise((resolve) => setTimeout(resolve, 20));
        await otherPool.query(sql.unsafe`SELECT pg_cancel_backend(${pid})`);
        return sleeping;
      }),
    );
    expect(cancelled).toBeInstanceOf(StatementCancelledError);
    expect(cancelled).not.toBeInstanceOf(StatementTimeoutError);
    expect(cancelled).toMatchObject({ code: '57014' });
  });

  it('XX internal and 58 system errors → InternalDatabaseError', async () => {
    const internal = await failureOf(
      pool.query(sql.unsafe`DO $$ BEGIN RAISE EXCEPTION 'internal' USING ERRCODE = 'XX000'; END $$`),
    );
    expect(internal).toBeInstanceOf(InternalDatabaseError);
    expect(internal).toMatchObject({ code: 'XX000' });
    const io = await failureOf(pool.query(sql.unsafe`SELECT pg_read_file('/nonexistent/iprs-probe')`));
    expect(io).toBeInstanceOf(InternalDatabaseError);
    expect(io).toMatchObject({ code: '58P01' });
  });

  it('any other SQLSTATE → DatabaseError with the code (P0001 from RAISE)', async () => {
    const error = await failureOf(pool.query(sql.unsafe`DO $$ BEGIN RAISE EXCEPTION 'business rule'; END $$`));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ code: 'P0001' });
    expect((error as Error).message).toContain('business rule');
  });
});

describe("Slonik's own errors leave the SDK as IprsErrors too", () => {
  it('one() with no row → NotFoundError; several rows or columns → ResultShapeError; also inside a transaction', async () => {
    expect(await failureOf(pool.one(sql.unsafe`SELECT 1 WHERE false`))).toBeInstanceOf(NotFoundError);
    expect(await failureOf(pool.one(sql.unsafe`SELECT * FROM generate_series(1, 2)`))).toBeInstanceOf(ResultShapeError);
    expect(await failureOf(pool.oneFirst(sql.unsafe`SELECT 1 AS a, 2 AS b`))).toBeInstanceOf(ResultShapeError);
    expect(await failureOf(pool.many(sql.unsafe`SELECT 1 WHERE false`))).toBeInstanceOf(NotFoundError);
    const seenInside = await withTransaction(pool, (transaction) =>
      failureOf(transaction.maybeOne(sql.unsafe`SELECT * FROM generate_series(1, 3)`)),
    );
    expect(seenInside).toBeInstanceOf(ResultShapeError);
  });

  it('an empty statement and a closed pool are IprsErrors', async () => {
    expect(await failureOf(pool.query(sql.unsafe` `))).toBeInstanceOf(IprsError);
    const closed = await openPool(databaseUrl, { maxPoolSize: 1 });
    await closed.close();
    const error = await failureOf(closed.oneFirst(sql.unsafe`SELECT 1`));
    expect(error).toBeInstanceOf(IprsError);
  });
});

describe('IprsError.isInstance recognises errors of another copy of the SDK (a bundle)', () => {
  it('by class and subclass, not by accident', async () => {
    vi.resetModules();
    const copy = await import('../src/index.js');
    const foreign = new copy.InUseError('still used', { constraint: null, table: null, columns: [], detail: null });
    expect(foreign).not.toBeInstanceOf(IprsError);
    expect(IprsError.isInstance(foreign)).toBe(true);
    expect(ConflictError.isInstance(foreign)).toBe(true);
    expect(InUseError.isInstance(foreign)).toBe(true);
    expect(NotFoundError.isInstance(foreign)).toBe(false);
    expect(IprsError.isInstance(new Error('plain'))).toBe(false);
    expect(IprsError.isInstance(null)).toBe(false);
    expect(copy.IprsError.isInstance(new LockTimeoutError('x'))).toBe(true);
    expect(translateDatabaseError(foreign)).toBe(foreign);
  });
});

describe('invalid input fails before any SQL runs, naming the field', () => {
  it('position with a float-unsafe quantity and a lower-case currency', async () => {
    const before = queriesRun;
    const error = await createPosition(pool, {
      portfolio_node_id: 'ERR-FUND',
      instrument_id: 'ERR-1',
      quantity: 'twelve',
      base_ccy: 'usd',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe('quantity');
    expect(error.issues.map((issue: { field: string }) => issue.field)).toEqual(['quantity', 'base_ccy']);
    expect(queriesRun).toBe(before);
  });

  it('unknown fields and enum values are refused', async () => {
    const before = queriesRun;
    await expect(createNode(pool, { name: 'x', node_type: 'PORTFOLIO' as 'FUND' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'node_type',
    });
    await expect(createNode(pool, { name: 'x', node_type: 'FUND', colour: 'red' } as never)).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'colour',
    });
    const unknown = await createPosition(pool, {
      portfolio_node_id: 'ERR-FUND',
      instrument_id: 'ERR-1',
      quantity: '1',
      base_ccy: 'USD',
      colour: 'red',
      size: 'L',
    } as never).catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.field).toBe('colour');
    expect(unknown.issues).toEqual([
      { field: 'colour', message: 'is not a known field' },
      { field: 'size', message: 'is not a known field' },
    ]);
    expect(unknown.message).toBe('Invalid position: colour: is not a known field; size: is not a known field');
    expect(queriesRun).toBe(before);
  });
});
