import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { writePositionsCsv } from '../src/benchmarks/ingest-benchmark.js';
import { emptyPositions } from '../src/database/empty-positions.js';
import type { DatasetSpec } from '../src/dataset/dataset-spec.js';
import { generatePositions } from '../src/dataset/generate-positions.js';
import { cliIngestPositions } from '../src/iprs/cli-ingest-positions.js';
import { seedReferenceData } from '../src/dataset/seed-reference-data.js';
import { runWorker } from '../src/harness/run-worker.js';
import type { LoadPositionsResult } from '../src/workers/load-positions-protocol.js';

const spec: DatasetSpec = { seed: 17, instrumentCount: 200, fanOut: 3, positionCount: 3_000, fxSnapshotCount: 2 };
const databaseUrl = await useMigratedDatabase();
const directory = await mkdtemp(join(tmpdir(), 'iprs-bench-ingest-test-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
// The built worker and CLI, as `pnpm bench` runs them (run `pnpm build` first).
const worker = new URL('../dist/load-positions-worker.js', import.meta.url);

const digest = async () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ digest: string; count: string }>(
      `SELECT count(*) AS count, md5(string_agg(concat_ws('|', position_id, portfolio_node_id, instrument_id, trim_scale(quantity), base_ccy,
              trim_scale(cost_basis), trim_scale(book_value), status), ',' ORDER BY position_id)) AS digest FROM position`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
};

it(
  'the ingest side of the bench (`iprs ingest positions` as a process) writes, from the CSV, the very table the SDK bulk load writes from the rows',
  { timeout: 120_000 },
  async () => {
    await seedReferenceData(databaseUrl, spec);
    const csvFile = join(directory, 'positions.csv');
    await writePositionsCsv(csvFile, generatePositions(spec));

    const ingested = await cliIngestPositions(databaseUrl, csvFile);
    expect(ingested.rows).toBe(spec.positionCount);
    expect(ingested.peakRssBytes).toBeGreaterThan(0);
    const fromCsv = await digest();
    expect(fromCsv?.count).toBe(String(spec.positionCount));

    await emptyPositions(databaseUrl);
    expect(await runWorker<LoadPositionsResult>(worker, { method: 'sdk', databaseUrl, spec })).toMatchObject({
      rows: spec.positionCount,
    });
    expect(await digest()).toEqual(fromCsv);
  },
);
