import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { expect, it } from 'vitest';
import type { BenchContext } from '../src/benchmarks/bench-context.js';
import { reuploadBenchmark } from '../src/benchmarks/reupload-benchmark.js';
import { settlePositions } from '../src/database/settle-positions.js';
import type { DatasetSpec } from '../src/dataset/dataset-spec.js';
import { generatePositions } from '../src/dataset/generate-positions.js';
import { seedReferenceData } from '../src/dataset/seed-reference-data.js';
import { sdkLoadPositions } from '../src/iprs/sdk-load-positions.js';
import { quickProfile } from '../src/profile.js';

const spec: DatasetSpec = { seed: 5, instrumentCount: 300, fanOut: 3, positionCount: 6_000, fxSnapshotCount: 2 };
const databaseUrl = await useMigratedDatabase();

it(
  'the daily re-upload scenario rewrites only the 1–5 % changed each day and compares rollups with the fresh ones',
  { timeout: 120_000 },
  async () => {
    await seedReferenceData(databaseUrl, spec);
    await sdkLoadPositions(databaseUrl, generatePositions(spec));
    await settlePositions(databaseUrl);
    const context = {
      profile: { ...quickProfile, dataset: spec, rollupRounds: 1, rollupWarmupRounds: 0, reuploadDays: 5 },
      databaseUrl,
      spec,
      log: () => undefined,
    } as unknown as BenchContext;

    const results = await reuploadBenchmark(context);
    expect(results.map((result) => result.id)).toEqual(['reupload-subtree-rollup', 'reupload-whole-tree-rollup']);
    for (const result of results) {
      expect(['pass', 'miss']).toContain(result.verdict);
      expect(result.target).toEqual({ of: 'ratio', comparison: 'atMost', threshold: 1.3 });
    }
    const days = (results[0]!.details as { days: Array<{ day: number; written: number; unchanged: number }> }).days;
    expect(days.map((day) => day.day)).toEqual([1, 2, 3, 4, 5]);
    days.forEach(({ day, written, unchanged }) => {
      expect(written + unchanged).toBe(spec.positionCount);
      // About `day` % of the rows: a fixed spread, so within a generous band around the expected count.
      expect(written).toBeGreaterThan(spec.positionCount * (day / 100) * 0.5);
      expect(written).toBeLessThan(spec.positionCount * (day / 100) * 1.5);
    });
  },
);
