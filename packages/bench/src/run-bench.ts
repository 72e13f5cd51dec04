import { loadavg } from 'node:os';
import { migrate } from '@iprs/schema';
import type { BenchContext } from './benchmarks/bench-context.js';
import { copyPositions } from './baselines/copy-positions.js';
import { guarded } from './benchmarks/guarded.js';
import { ingestBenchmark } from './benchmarks/ingest-benchmark.js';
import { lookupsBenchmark } from './benchmarks/lookups-benchmark.js';
import { migrationsBenchmark } from './benchmarks/migrations-benchmark.js';
import { positionsBenchmarks } from './benchmarks/positions-benchmarks.js';
import { reuploadBenchmark } from './benchmarks/reupload-benchmark.js';
import { verifyBenchmark } from './benchmarks/verify-benchmark.js';
import { openBenchServer } from './database/bench-server.js';
import { disableJit } from './database/disable-jit.js';
import { settlePositions } from './database/settle-positions.js';
import { currencies } from './dataset/currencies.js';
import { nodeCount } from './dataset/generate-nodes.js';
import { generatePositions } from './dataset/generate-positions.js';
import { seedReferenceData } from './dataset/seed-reference-data.js';
import type { BenchProfile } from './profile.js';
import type { BenchReport } from './report/bench-report.js';
import type { BenchResult } from './report/bench-result.js';
import { describeEnvironment, describePostgres } from './report/environment.js';

/**
 * One complete run: provision PostgreSQL (DATABASE_URL or embedded 18), create a bench database, migrate it with the
 * runner, seed the reference data, then run every comparison on that server. Databases it created are dropped and a
 * server it started is stopped, whatever happens.
 */
/** The comparisons of a run, in the order they run; `pnpm bench --only` takes a comma-separated list of them. */
export const benchmarkIds = ['migrations', 'verify', 'positions', 'ingest', 'pk-lookups', 'daily-reuploads'] as const;
export type BenchmarkId = (typeof benchmarkIds)[number];

export async function runBench(
  profile: BenchProfile,
  log: (message: string) => void,
  only?: readonly BenchmarkId[],
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const environment = describeEnvironment();
  const spec = profile.dataset;
  log(
    `profile ${profile.name}: ${spec.positionCount} positions, ${spec.instrumentCount} instruments, ${nodeCount(spec)} nodes`,
  );
  const server = await openBenchServer();
  try {
    log(`PostgreSQL: ${server.kind}`);
    const databaseUrl = await server.createDatabase('bench_data');
    await disableJit(databaseUrl);
    await migrate(databaseUrl);
    const seeded = await seedReferenceData(databaseUrl, spec);
    log(`seeded ${seeded.instruments} instruments, ${seeded.nodes} nodes, ${seeded.fxSpots} FX spots`);
    const postgres = await describePostgres(databaseUrl);
    const context: BenchContext = { profile, server, databaseUrl, spec, log };

    const selected = (id: BenchmarkId) => only === undefined || only.includes(id);
    const results: BenchResult[] = [];
    const run = async (id: BenchmarkId, work: string, benchmark: () => Promise<BenchResult | BenchResult[]>) => {
      if (selected(id)) results.push(...(await guarded(id, work, benchmark, log)));
    };
    await run('migrations', 'migrations on an empty database', () => migrationsBenchmark(context));
    await run('verify', '`iprs verify` of the full schema, probes on', () => verifyBenchmark(context));
    await run('positions', 'bulk load, rollups and scaling', () => positionsBenchmarks(context));
    await run('ingest', '`iprs ingest positions` of a CSV', () => ingestBenchmark(context));
    // The comparisons after these read the loaded book: without them, load it unmeasured.
    if (!selected('positions') && !selected('ingest') && (selected('pk-lookups') || selected('daily-reuploads'))) {
      log(`loading ${spec.positionCount} positions with COPY (not measured)`);
      await copyPositions(databaseUrl, generatePositions(spec));
      await settlePositions(databaseUrl);
    }
    await run('pk-lookups', 'primary-key lookups', () => lookupsBenchmark(context));
    // Last: it changes quantities of the loaded book, which nothing after it reads.
    if (profile.reuploadDays > 0)
      await run('daily-reuploads', 'daily re-uploads of the book', () => reuploadBenchmark(context));
    return {
      format: 1,
      profile: profile.name,
      startedAt,
      finishedAt: new Date().toISOString(),
      environment: { ...environment, loadAverageAtEnd: loadavg()[0] ?? 0 },
      postgres: { ...postgres, provisionedBy: server.kind },
      dataset: { ...spec, nodes: nodeCount(spec), currencies: currencies.length },
      ...(only === undefined ? {} : { only }),
      results,
    };
  } finally {
    await server.close();
  }
}
