import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { holdBatchLoadLock, releaseBatchLoadLock } from '../src/batches/batch-load-lock.js';
import { getBatch } from '../src/batches/get-batch.js';
import { ingestMarketDataFile } from '../src/batches/ingest-market-data-file.js';
import { startBatch } from '../src/batches/start-batch.js';
import { transitionBatch } from '../src/batches/transition-batch.js';
import { abandonedBatchError, legacyAbandonedBatchError } from '../src/batches/without-abandoned-batches.js';
import { createPool } from '../src/connection/create-pool.js';
import { dbConn } from '../src/connection/db-conn.js';
import type { BatchStatus } from '../src/schemas/enums.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const directory = await mkdtemp(join(tmpdir(), 'iprs-reupload-'));

/** A MARKET_DATA file of one FX feed storing `snapshotId`, and its content hash. */
async function marketDataFile(snapshotId: string): Promise<{ path: string; hash: string }> {
  const path = join(directory, `${snapshotId}.json`);
  const feed = {
    feed_type: 'FX_SPOT',
    as_of_date: '2026-05-04',
    source: 'ecb',
    payload: { snapshot_id: snapshotId, quotes: [{ pair: 'EUR/USD', rate: '1.1' }] },
  };
  const content = JSON.stringify({ feeds: [feed] });
  await writeFile(path, content);
  return { path, hash: createHash('sha256').update(content).digest('hex') };
}

/** A MARKET_DATA batch of the file left in `status` by a process that is gone: nobody holds its load lock. */
async function leftBehind(file: { path: string; hash: string }, path: readonly BatchStatus[] = []) {
  const batch = await startBatch(pool, {
    batch_type: 'MARKET_DATA',
    source_file: file.path,
    source_file_hash: file.hash,
  });
  for (const status of path) await transitionBatch(pool, batch.batch_id, { status });
  return batch;
}

const spotsOf = (snapshotId: string) =>
  pool.oneFirst(
    sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM fx_spot WHERE snapshot_id = ${snapshotId}`,
  );

describe('re-uploading a file whose earlier batch never finished', () => {
  it.each([
    ['STARTED', []],
    ['VALIDATING', ['VALIDATING']],
  ] as const)('a batch abandoned in %s is marked FAILED and the file is ingested', async (status, path) => {
    const file = await marketDataFile(`FX-ABANDONED-${status}`);
    const abandoned = await leftBehind(file, path);

    const result = await ingestMarketDataFile(pool, { file: file.path });
    expect(result).toMatchObject({ duplicate: false, errors: [], rowsWritten: 1, batch: { status: 'COMPLETED' } });
    expect(result.batch.batch_id).not.toBe(abandoned.batch_id);
    expect(await spotsOf(`FX-ABANDONED-${status}`)).toBe(1);
    const failed = await getBatch(pool, abandoned.batch_id);
    expect(failed).toMatchObject({ status: 'FAILED', validation_errors_json: [abandonedBatchError] });
    expect(failed.completed_at).toBeInstanceOf(Date);
    const markedInSql = await pool.oneFirst(sql.type(z.object({ marked: z.boolean() }))`
      SELECT validation_errors_json @> '[{"kind": "abandoned"}]' AS marked FROM ingestion_batch
      WHERE batch_id = ${abandoned.batch_id}`);
    expect(markedInSql).toBe(true);

    const again = await ingestMarketDataFile(pool, { file: file.path });
    expect(again).toMatchObject({ duplicate: true, batch: { batch_id: result.batch.batch_id, status: 'COMPLETED' } });
  });

  it.each([
    ['marked the current way', [{ ...abandonedBatchError }]],
    ['marked the way older releases did (no kind)', [{ ...legacyAbandonedBatchError }]],
    ['marked with kind but worded differently', [{ row: 0, column: '', reason: 'left behind', kind: 'abandoned' }]],
  ])('a batch abandoned before, already FAILED %s, does not block the file either', async (way, errors) => {
    const file = await marketDataFile(`FX-ABANDONED-BEFORE-${way}`);
    const first = await leftBehind(file, ['VALIDATING']);
    await pool.query(sql.unsafe`
      UPDATE ingestion_batch SET status = 'FAILED', completed_at = now(), validation_errors_json = ${sql.jsonb(errors)}
      WHERE batch_id = ${first.batch_id}`);
    const second = await leftBehind(file);

    const result = await ingestMarketDataFile(pool, { file: file.path });
    expect(result).toMatchObject({ duplicate: false, batch: { status: 'COMPLETED' } });
    expect((await getBatch(pool, second.batch_id)).validation_errors_json).toEqual([abandonedBatchError]);
    expect(await spotsOf(`FX-ABANDONED-BEFORE-${way}`)).toBe(1);
  });

  it.each([
    ['the abandoned wording on a row of the file', { ...legacyAbandonedBatchError, row: 3 }],
    ['another kind', { ...legacyAbandonedBatchError, kind: 'rejected' }],
  ])('a FAILED batch with %s but no abandoned marker still counts as the earlier upload', async (what, error) => {
    const file = await marketDataFile(`FX-NOT-ABANDONED-${what}`);
    const failed = await leftBehind(file, ['VALIDATING']);
    await transitionBatch(pool, failed.batch_id, { status: 'FAILED', validation_errors_json: [error] });

    const result = await ingestMarketDataFile(pool, { file: file.path });
    expect(result).toMatchObject({ duplicate: true, batch: { batch_id: failed.batch_id } });
    expect(await spotsOf(`FX-NOT-ABANDONED-${what}`)).toBe(0);
  });

  it('a batch still loading in another session is reported as the earlier upload and left alone', async () => {
    const file = await marketDataFile('FX-LOADING');
    const loading = await leftBehind(file, ['VALIDATING']);

    await dbConn(pool, async (otherProcess) => {
      await holdBatchLoadLock(otherProcess, loading.batch_id);
      try {
        const result = await ingestMarketDataFile(pool, { file: file.path });
        expect(result).toMatchObject({ duplicate: true, batch: { batch_id: loading.batch_id, status: 'VALIDATING' } });
      } finally {
        await releaseBatchLoadLock(otherProcess, loading.batch_id);
      }
    });
    expect((await getBatch(pool, loading.batch_id)).status).toBe('VALIDATING');
    expect(await spotsOf('FX-LOADING')).toBe(0);

    // Its session gone (lock released), the same upload finds it abandoned.
    const result = await ingestMarketDataFile(pool, { file: file.path });
    expect(result).toMatchObject({ duplicate: false, batch: { status: 'COMPLETED' } });
    expect((await getBatch(pool, loading.batch_id)).status).toBe('FAILED');
  });

  it('a finished FAILED batch still counts as the earlier upload', async () => {
    const file = await marketDataFile('FX-FAILED-BEFORE');
    const failed = await leftBehind(file, ['VALIDATING']);
    const errors = [
      {
        row: 1,
        column: 'payload.quotes.0.rate',
        reason: 'RATE_POSITIVE: rate of EUR/USD must be a number greater than 0',
      },
    ];
    await transitionBatch(pool, failed.batch_id, { status: 'FAILED', validation_errors_json: errors });

    const result = await ingestMarketDataFile(pool, { file: file.path });
    expect(result).toMatchObject({ duplicate: true, errors, batch: { batch_id: failed.batch_id } });
    expect(await spotsOf('FX-FAILED-BEFORE')).toBe(0);
  });

  it('releases its load lock when the load ends, on a connection the caller keeps', async () => {
    const file = await marketDataFile('FX-LOCK-RELEASED');
    await dbConn(pool, async (connection) => {
      const result = await ingestMarketDataFile(connection, { file: file.path });
      expect(result.batch.status).toBe('COMPLETED');
      const held = await connection.oneFirst(sql.type(z.object({ n: z.number() }))`
        SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`);
      expect(held).toBe(0);
    });
  });
});
