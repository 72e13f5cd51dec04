import { createPool, ingestPositionsFile } from '@iprs/sdk';
import { BenchError } from '../errors/bench-error.js';
import { elapsedMs } from '../harness/elapsed.js';

/** `iprs ingest positions` without the CLI around it: the file hashed, parsed, validated and written; the pool is opened before timing. */
export async function sdkIngestPositions(databaseUrl: string, csvFile: string): Promise<{ rows: number; ms: number }> {
  const pool = await createPool({ connectionString: databaseUrl, maxPoolSize: 1 });
  try {
    let rows = 0;
    const ms = await elapsedMs(async () => {
      const result = await ingestPositionsFile(pool, { file: csvFile, force: true, created_by: 'bench' });
      if (result.batch.status !== 'COMPLETED') throw new BenchError(`the ingest ended ${result.batch.status}: ${JSON.stringify(result.errors.slice(0, 3))}`);
      rows = result.rowsWritten;
    });
    return { rows, ms };
  } finally {
    await pool.close();
  }
}
