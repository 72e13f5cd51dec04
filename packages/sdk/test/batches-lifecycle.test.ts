import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { NotFoundError } from '../src/errors/not-found-error.js';
import { getBatch } from '../src/batches/get-batch.js';
import { IllegalBatchTransitionError } from '../src/batches/illegal-batch-transition-error.js';
import { startBatch } from '../src/batches/start-batch.js';
import { transitionBatch } from '../src/batches/transition-batch.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

describe('ingestion batch lifecycle', () => {
  it('goes STARTED → VALIDATING → COMPLETED, stamping completed_at only at the end', async () => {
    const started = await startBatch(pool, { batch_type: 'POSITION_UPLOAD', source_file: 'a.csv' });
    expect(started).toMatchObject({ status: 'STARTED', completed_at: null, record_count: 0n });
    const validating = await transitionBatch(pool, started.batch_id, { status: 'VALIDATING' });
    expect(validating).toMatchObject({ status: 'VALIDATING', completed_at: null });
    const completed = await transitionBatch(pool, started.batch_id, { status: 'COMPLETED', record_count: 12 });
    expect(completed.status).toBe('COMPLETED');
    expect(completed.completed_at).toBeInstanceOf(Date);
    expect(completed.record_count).toBe(12n);
  });

  it('goes VALIDATING → FAILED keeping its errors', async () => {
    const { batch_id } = await startBatch(pool, { batch_type: 'MARKET_DATA' });
    await transitionBatch(pool, batch_id, { status: 'VALIDATING' });
    const failed = await transitionBatch(pool, batch_id, {
      status: 'FAILED',
      validation_errors_json: [{ row: 2, column: 'rate', reason: 'negative' }],
    });
    expect(failed).toMatchObject({
      status: 'FAILED',
      validation_errors_json: [{ row: 2, column: 'rate', reason: 'negative' }],
    });
    expect(failed.completed_at).toBeInstanceOf(Date);
  });

  it.each([
    [[], 'COMPLETED'],
    [[], 'STARTED'],
    [['VALIDATING'], 'STARTED'],
    [['VALIDATING'], 'VALIDATING'],
    [['VALIDATING', 'COMPLETED'], 'FAILED'],
    [['VALIDATING', 'COMPLETED'], 'VALIDATING'],
    [['VALIDATING', 'FAILED'], 'COMPLETED'],
    [['FAILED'], 'VALIDATING'],
  ] as const)('after %j refuses → %s and leaves the batch unchanged', async (path, illegal) => {
    const { batch_id } = await startBatch(pool, { batch_type: 'LOAN_SERVICING' });
    for (const status of path) await transitionBatch(pool, batch_id, { status });
    const before = await getBatch(pool, batch_id);
    const attempt = transitionBatch(pool, batch_id, { status: illegal, record_count: 99 });
    await expect(attempt).rejects.toBeInstanceOf(IllegalBatchTransitionError);
    await expect(attempt).rejects.toThrow(`cannot go from ${before.status} to ${illegal}`);
    expect(await getBatch(pool, batch_id)).toEqual(before);
  });

  it('names a batch that does not exist', async () => {
    await expect(transitionBatch(pool, 'no-batch', { status: 'VALIDATING' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
