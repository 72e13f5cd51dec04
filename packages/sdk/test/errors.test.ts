import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { BackendTerminatedUnexpectedlyError, IdleTransactionTimeoutError } from 'slonik';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConnectionError,
  ConnectionLostError,
  ConstraintViolationError,
  createNode,
  createPosition,
  dbConn,
  InUseError,
  InvalidReferenceError,
  NotFoundError,
  sql,
  translateDatabaseError,
  ValidationError,
  withTransaction,
  type Interceptor,
} from '../src/index.js';
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
    const error = await createNode(pool, { portfolio_node_id: 'ERR-FUND', name: 'again', node_type: 'FUND' }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ constraint: 'portfolio_node_pkey', table: 'portfolio_node', columns: ['portfolio_node_id'] });
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
    await createPosition(pool, { portfolio_node_id: 'ERR-FUND', instrument_id: 'ERR-1', quantity: '1', base_ccy: 'USD' });
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
      .query(sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('x', 'BOND', NULL, 'USD')`)
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
      .query(sql.unsafe`
        INSERT INTO portfolio_node (portfolio_node_id, name, node_type)
        VALUES ('ERR-TWICE', 'a', 'FUND'), ('ERR-TWICE', 'b', 'FUND')
        ON CONFLICT (portfolio_node_id) DO UPDATE SET name = EXCLUDED.name`)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('cannot affect row a second time');
  });

  it('a connection terminated under a running query (pg_terminate_backend) → ConnectionLostError, a ConnectionError', async () => {
    const error = await dbConn(pool, async (connection) => {
      const pid = Number(await connection.oneFirst(sql.unsafe`SELECT pg_backend_pid()`));
      const running = connection.query(sql.unsafe`SELECT pg_sleep(30)`);
      const terminated = (async () => {
        while (!(await pool.exists(sql.unsafe`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid} AND query LIKE '%pg_sleep%'`))) {
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
    expect(error.message).toMatch(/^Lost the connection to PostgreSQL at [^:]+:\d+: terminating connection due to administrator command/);
    expect(await pool.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
    expect(pool.stats().acquired).toBe(0);
  });

  it('other ended sessions are lost connections; refused sessions are ConnectionErrors', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
    for (const code of ['57P01', '57P02', '08006', '08003', '25P03']) {
      expect(translateDatabaseError(pgError(code, 'gone'))).toBeInstanceOf(ConnectionLostError);
    }
    expect(translateDatabaseError(new IdleTransactionTimeoutError(new Error('idle')))).toBeInstanceOf(ConnectionLostError);
    expect(translateDatabaseError(new BackendTerminatedUnexpectedlyError(new Error('eof')))).toBeInstanceOf(ConnectionLostError);
    for (const code of ['57P03', '08001', 'ECONNREFUSED']) {
      const refused = translateDatabaseError(pgError(code, 'not now'));
      expect(refused).toBeInstanceOf(ConnectionError);
      expect(refused).not.toBeInstanceOf(ConnectionLostError);
    }
  });

  it('leaves errors it does not know unchanged', () => {
    const error = new Error('plain');
    expect(translateDatabaseError(error)).toBe(error);
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
    await expect(
      createNode(pool, { name: 'x', node_type: 'PORTFOLIO' as 'FUND' }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'node_type' });
    await expect(
      createNode(pool, { name: 'x', node_type: 'FUND', colour: 'red' } as never),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'colour' });
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
