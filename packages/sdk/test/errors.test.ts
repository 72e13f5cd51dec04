import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConstraintViolationError,
  createNode,
  createPosition,
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
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(queriesRun).toBe(before);
  });
});
