import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConstraintViolationError,
  createRun,
  getRun,
  IllegalRunTransitionError,
  InvalidReferenceError,
  listValuationResults,
  NotFoundError,
  recordValuationResults,
  RunNotRunningError,
  sql,
  transitionRun,
  ValidationError,
  withTransaction,
  type RunStatus,
  type ValuationResultInput,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments } from './support/seed.js';

const pool = await openPool(await useMigratedDatabase());
await seedInstruments(pool, ['RUN-BOND-1', 'RUN-BOND-2']);

const resultCount = (runId: string) =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`
    SELECT count(*)::int AS n FROM valuation_result WHERE run_id = ${runId}`);
/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Sessions of this database waiting for a lock, polled until there is one (at most 10 s). */
async function waitedOnLocks(): Promise<number> {
  const waiting = () =>
    pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const count = await waiting();
    if (count > 0) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return waiting();
}
const failureOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A run moved through `path` from PENDING. */
async function runIn(runId: string, path: readonly RunStatus[] = []) {
  await createRun(pool, { run_id: runId, run_type: 'VALUATION', as_of_date: '2026-05-04' });
  for (const status of path) await transitionRun(pool, runId, { status });
  return getRun(pool, runId);
}

const pv = (instrumentId: string, value: ValuationResultInput['value']): ValuationResultInput => ({
  instrument_id: instrumentId,
  measure: 'PV',
  value,
  currency: 'USD',
});

describe('runs', () => {
  it('creates a PENDING run with its configuration and reads it back', async () => {
    const created = await createRun(pool, {
      run_id: 'RUN-CREATE',
      run_type: 'RISK',
      as_of_date: '2026-05-04',
      market_snapshot_id: 'FX-2026-05-04',
      config_json: { model: 'hull-white', paths: 10_000 },
      created_by: 'risk-engine',
    });
    expect(created).toMatchObject({
      run_id: 'RUN-CREATE',
      run_type: 'RISK',
      as_of_date: '2026-05-04',
      status: 'PENDING',
      market_snapshot_id: 'FX-2026-05-04',
      config_json: { model: 'hull-white', paths: 10_000 },
      started_at: null,
      completed_at: null,
      created_by: 'risk-engine',
    });
    expect(await getRun(pool, 'RUN-CREATE')).toEqual(created);
    const generated = await createRun(pool, { run_type: 'STRESS', as_of_date: '2026-05-04' });
    expect(generated.run_id).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('refuses bad run input naming each field, and an existing run id, writing nothing', async () => {
    const bad = await failureOf(
      createRun(pool, {
        run_id: 'RUN-BAD',
        run_type: 'PRICING' as 'RISK',
        as_of_date: '2026-02-30',
        status: 'COMPLETED',
      } as never),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    const fields = (bad as ValidationError).issues.map((issue) => issue.field);
    expect(fields.sort()).toEqual(['as_of_date', 'run_type', 'status']);
    await expect(getRun(pool, 'RUN-BAD')).rejects.toBeInstanceOf(NotFoundError);

    await createRun(pool, { run_id: 'RUN-TWICE', run_type: 'RISK', as_of_date: '2026-05-04' });
    const again = createRun(pool, { run_id: 'RUN-TWICE', run_type: 'STRESS', as_of_date: '2026-05-05' });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    expect((await getRun(pool, 'RUN-TWICE')).run_type).toBe('RISK');
  });

  it('getRun of an unknown id is a NotFoundError naming it', async () => {
    const error = await failureOf(getRun(pool, 'RUN-NOWHERE'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain("run 'RUN-NOWHERE'");
  });
});

describe('run lifecycle', () => {
  it('PENDING → RUNNING stamps started_at, RUNNING → COMPLETED stamps completed_at', async () => {
    await runIn('RUN-LIFE');
    const running = await transitionRun(pool, 'RUN-LIFE', { status: 'RUNNING' });
    expect(running.status).toBe('RUNNING');
    expect(running.started_at).toBeInstanceOf(Date);
    expect(running.completed_at).toBeNull();
    const completed = await transitionRun(pool, 'RUN-LIFE', { status: 'COMPLETED' });
    expect(completed.status).toBe('COMPLETED');
    expect(completed.started_at).toEqual(running.started_at);
    expect(completed.completed_at?.getTime()).toBeGreaterThanOrEqual(running.started_at?.getTime() ?? Infinity);
  });

  it.each([
    [[], 'FAILED'],
    [['RUNNING'], 'FAILED'],
  ] as const)('from %j a run may fail, which stamps completed_at', async (path, to) => {
    const runId = `RUN-FAIL-${path.length}`;
    await runIn(runId, path);
    const failed = await transitionRun(pool, runId, { status: to });
    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(failed.completed_at).toBeInstanceOf(Date);
  });

  it('takes the start and completion times a caller gives', async () => {
    await runIn('RUN-TIMES');
    await transitionRun(pool, 'RUN-TIMES', { status: 'RUNNING', started_at: '2026-05-04T08:00:00Z' });
    const completedAt = new Date('2026-05-04T09:30:00Z');
    const done = await transitionRun(pool, 'RUN-TIMES', { status: 'COMPLETED', completed_at: completedAt });
    expect(done.started_at?.toISOString()).toBe('2026-05-04T08:00:00.000Z');
    expect(done.completed_at?.toISOString()).toBe('2026-05-04T09:30:00.000Z');
  });

  it.each([
    [[], 'COMPLETED', 'from PENDING it can only go to RUNNING or FAILED'],
    [[], 'PENDING', 'from PENDING it can only go to RUNNING or FAILED'],
    [['RUNNING'], 'RUNNING', 'from RUNNING it can only go to COMPLETED or FAILED'],
    [['RUNNING'], 'PENDING', 'from RUNNING it can only go to COMPLETED or FAILED'],
    [['RUNNING', 'COMPLETED'], 'FAILED', 'COMPLETED is final'],
    [['RUNNING', 'COMPLETED'], 'RUNNING', 'COMPLETED is final'],
    [['FAILED'], 'RUNNING', 'FAILED is final'],
  ] as const)('after %j a move to %s is an IllegalRunTransitionError and changes nothing', async (path, to, why) => {
    const runId = `RUN-ILLEGAL-${path.join('-')}-${to}`;
    const before = await runIn(runId, path);
    const error = await failureOf(transitionRun(pool, runId, { status: to }));
    expect(error).toBeInstanceOf(IllegalRunTransitionError);
    expect((error as IllegalRunTransitionError).message).toContain(why);
    expect(error).toMatchObject({ runId, from: before.status, to });
    expect(await getRun(pool, runId)).toEqual(before);
  });

  it.each([
    [{ status: 'FAILED', started_at: '2026-05-04T08:00:00Z' }, 'started_at'],
    [{ status: 'RUNNING', completed_at: '2026-05-04T08:00:00Z' }, 'completed_at'],
    [{ status: 'RUNNING', started_at: 'yesterday' }, 'started_at'],
    [{ status: 'DONE' }, 'status'],
    [{ status: 'RUNNING', reason: 'go' }, 'reason'],
  ])('refuses the status change %j naming %s, changing nothing', async (update, field) => {
    const runId = `RUN-BAD-CHANGE-${field}-${JSON.stringify(update).length}`;
    const before = await runIn(runId);
    const error = await failureOf(transitionRun(pool, runId, update as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(await getRun(pool, runId)).toEqual(before);
  });

  it('a completion before the start is refused by the table and changes nothing', async () => {
    await runIn('RUN-BACKWARDS');
    const started_at = '2026-05-04T08:00:00Z';
    const running = await transitionRun(pool, 'RUN-BACKWARDS', { status: 'RUNNING', started_at });
    const completed_at = '2026-05-04T07:00:00Z';
    const error = await failureOf(transitionRun(pool, 'RUN-BACKWARDS', { status: 'COMPLETED', completed_at }));
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(await getRun(pool, 'RUN-BACKWARDS')).toEqual(running);
  });

  it('moving an unknown run is a NotFoundError', async () => {
    await expect(transitionRun(pool, 'RUN-GHOST', { status: 'RUNNING' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('valuation results', () => {
  it('records results of a RUNNING run exactly, in the order given, and lists them', async () => {
    await runIn('RUN-RESULTS', ['RUNNING']);
    const recorded = await recordValuationResults(pool, 'RUN-RESULTS', [
      pv('RUN-BOND-2', '1234567890123456789012345678.123456789012345678'),
      { instrument_id: 'RUN-BOND-1', measure: 'YIELD', value: 0.1, metadata_json: { curve: 'USD-SOFR' } },
      { instrument_id: 'RUN-BOND-1', measure: 'PV', scenario_id: 'UP-100', value: '-42.50', currency: 'USD' },
      pv('RUN-BOND-1', 99n),
    ]);
    expect(recorded.map((row) => [row.instrument_id, row.measure, row.scenario_id, row.value, row.currency])).toEqual([
      ['RUN-BOND-2', 'PV', 'BASE', '1234567890123456789012345678.123456789012345678', 'USD'],
      ['RUN-BOND-1', 'YIELD', 'BASE', '0.1', null],
      ['RUN-BOND-1', 'PV', 'UP-100', '-42.5', 'USD'],
      ['RUN-BOND-1', 'PV', 'BASE', '99', 'USD'],
    ]);
    expect(recorded[1]?.metadata_json).toEqual({ curve: 'USD-SOFR' });
    expect(recorded.every((row) => row.run_id === 'RUN-RESULTS')).toBe(true);

    const listed = await listValuationResults(pool, 'RUN-RESULTS');
    expect(listed.map((row) => [row.instrument_id, row.measure, row.scenario_id])).toEqual([
      ['RUN-BOND-1', 'PV', 'BASE'],
      ['RUN-BOND-1', 'PV', 'UP-100'],
      ['RUN-BOND-1', 'YIELD', 'BASE'],
      ['RUN-BOND-2', 'PV', 'BASE'],
    ]);
    expect(new Set(listed)).toEqual(new Set(recorded));
  });

  const good = pv('RUN-BOND-2', '5');
  it.each([
    ['a value that is not a number', '1.value', [good, pv('RUN-BOND-1', 'ten')]],
    ['a number that is not finite', '1.value', [good, pv('RUN-BOND-1', Number.NaN)]],
    ['a value beyond the amount domain', '1.value', [good, pv('RUN-BOND-1', '1e40')]],
    ['an amount without currency', '1.currency', [good, { instrument_id: 'RUN-BOND-1', measure: 'DV01', value: '1' }]],
    ['a currency on a unitless measure', '1.currency', [good, { ...pv('RUN-BOND-1', '1'), measure: 'SPREAD' }]],
    ['a currency that is not ISO 4217', '1.currency', [good, { ...pv('RUN-BOND-1', '1'), currency: 'XYZ' }]],
    ['an unknown measure', '1.measure', [good, { ...pv('RUN-BOND-1', '1'), measure: 'THETA' }]],
    ['an unknown field', '1.run_id', [good, { ...pv('RUN-BOND-1', '1'), run_id: 'RUN-OTHER' }]],
    ['the same result twice', '2', [pv('RUN-BOND-1', '1'), good, pv('RUN-BOND-1', '3')]],
  ])('refuses %s as a ValidationError naming %s, writing nothing', async (what, field, results) => {
    const runId = `RUN-BAD-RESULTS-${what.replaceAll(' ', '-')}`;
    await runIn(runId, ['RUNNING']);
    const error = await failureOf(recordValuationResults(pool, runId, results as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([field]);
    expect(await resultCount(runId)).toBe(0);
  });

  it('refuses an empty list of results', async () => {
    await runIn('RUN-EMPTY', ['RUNNING']);
    const error = await failureOf(recordValuationResults(pool, 'RUN-EMPTY', []));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('must hold at least one result');
  });

  it('names every unknown instrument in one InvalidReferenceError and writes none of the results', async () => {
    await runIn('RUN-UNKNOWN-INSTRUMENTS', ['RUNNING']);
    const error = await failureOf(
      recordValuationResults(pool, 'RUN-UNKNOWN-INSTRUMENTS', [
        pv('RUN-BOND-1', '1'),
        pv('NO-SUCH-1', '2'),
        pv('NO-SUCH-2', '3'),
      ]),
    );
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect((error as InvalidReferenceError).message).toContain('NO-SUCH-1, NO-SUCH-2');
    expect(await resultCount('RUN-UNKNOWN-INSTRUMENTS')).toBe(0);
  });

  it('a result the run already has is a ConflictError, and the rest of that call is not written', async () => {
    await runIn('RUN-AGAIN', ['RUNNING']);
    await recordValuationResults(pool, 'RUN-AGAIN', [pv('RUN-BOND-1', '1')]);
    const error = await failureOf(
      recordValuationResults(pool, 'RUN-AGAIN', [pv('RUN-BOND-2', '2'), pv('RUN-BOND-1', '3')]),
    );
    expect(error).toBeInstanceOf(ConflictError);
    const stored = await listValuationResults(pool, 'RUN-AGAIN');
    expect(stored.map((row) => [row.instrument_id, row.value])).toEqual([['RUN-BOND-1', '1']]);
  });

  it.each([
    [[], 'PENDING'],
    [['RUNNING', 'COMPLETED'], 'COMPLETED'],
    [['FAILED'], 'FAILED'],
  ] as const)('a run that is %j rather than RUNNING takes no results (RunNotRunningError)', async (path, status) => {
    const runId = `RUN-NOT-RUNNING-${status}`;
    await runIn(runId, path);
    const error = await failureOf(recordValuationResults(pool, runId, [pv('RUN-BOND-1', '1')]));
    expect(error).toBeInstanceOf(RunNotRunningError);
    expect(error).toMatchObject({ runId, status });
    expect(await resultCount(runId)).toBe(0);
  });

  it('a run cannot complete while results are being written: completion waits for them to commit', async () => {
    await runIn('RUN-RACE', ['RUNNING']);
    const written = signal();
    const release = signal();
    // The transaction runs in its own async context; the calls below are another client's.
    const writing = withTransaction(pool, async (transaction) => {
      await recordValuationResults(transaction, 'RUN-RACE', [pv('RUN-BOND-1', '1')]);
      written.resolve();
      await release.promise;
    });
    await Promise.race([written.promise, writing]);
    const completing = transitionRun(pool, 'RUN-RACE', { status: 'COMPLETED' });
    try {
      expect(await waitedOnLocks()).toBe(1);
      expect((await getRun(pool, 'RUN-RACE')).status).toBe('RUNNING');
    } finally {
      release.resolve();
      await writing;
    }
    expect(await completing).toMatchObject({ status: 'COMPLETED' });
    expect(await resultCount('RUN-RACE')).toBe(1);
  });

  it('an unknown run is a NotFoundError for recording and for listing; a run without results lists none', async () => {
    const recording = recordValuationResults(pool, 'RUN-GHOST', [pv('RUN-BOND-1', '1')]);
    await expect(recording).rejects.toBeInstanceOf(NotFoundError);
    await expect(listValuationResults(pool, 'RUN-GHOST')).rejects.toBeInstanceOf(NotFoundError);
    await runIn('RUN-NO-RESULTS');
    expect(await listValuationResults(pool, 'RUN-NO-RESULTS')).toEqual([]);
  });
});
