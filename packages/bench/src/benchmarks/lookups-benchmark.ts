import { openPgPoolLookups, type PkLookups } from '../baselines/pg-pool-lookups.js';
import { createSeededRandom } from '../dataset/seeded-random.js';
import { BenchError } from '../errors/bench-error.js';
import { closeAll } from '../harness/close-all.js';
import { elapsedMs } from '../harness/elapsed.js';
import { measurePair } from '../harness/measure-pair.js';
import { runConcurrently } from '../harness/run-concurrently.js';
import { openSdkLookups, sdkPositionColumns } from '../iprs/sdk-lookups.js';
import type { BenchResult } from '../report/bench-result.js';
import { judge } from '../report/judge.js';
import type { BenchContext } from './bench-context.js';

/**
 * Throughput of primary-key lookups of random existing positions, 100 in flight on a pool of 10: the SDK's
 * getPosition (Slonik, row validation, bounded pool) against raw pg.Pool sending the same SELECT.
 */
export async function lookupsBenchmark(context: BenchContext): Promise<BenchResult> {
  const { profile, spec, databaseUrl } = context;
  const random = createSeededRandom(spec.seed + 5);
  const positionIds = Array.from(
    { length: profile.lookupsPerRound },
    () => `POS-${String(random.int(0, spec.positionCount - 1)).padStart(7, '0')}`,
  );
  context.log(`lookups: ${profile.lookupsPerRound} per round, ${profile.lookupConcurrency} in flight, pool of ${profile.lookupPoolSize}`);
  const opened: PkLookups[] = [];
  try {
    const sdk = await openSdkLookups(databaseUrl, profile.lookupPoolSize);
    opened.push(sdk);
    const raw = await openPgPoolLookups(databaseUrl, profile.lookupPoolSize, sdkPositionColumns);
    opened.push(raw);
    const throughput = async (lookups: PkLookups): Promise<number> => {
      let found = 0;
      const ms = await elapsedMs(async () => {
        found = await runConcurrently(positionIds, profile.lookupConcurrency, lookups.lookup);
      });
      if (found !== positionIds.length) throw new BenchError(`only ${found} of ${positionIds.length} lookups found their position`);
      return positionIds.length / (ms / 1000);
    };
    const { iprs, baseline } = await measurePair({
      rounds: profile.lookupRounds,
      warmupRounds: 1,
      iprs: () => throughput(sdk),
      baseline: () => throughput(raw),
    });
    return judge({
      id: 'pk-lookups',
      work: `primary-key lookups, ${profile.lookupConcurrency} in flight, pool of ${profile.lookupPoolSize}`,
      iprs: { label: 'SDK getPosition on createPool', unit: 'lookups/s', summary: iprs },
      baseline: { label: 'raw pg.Pool, same SELECT', unit: 'lookups/s', summary: baseline },
      target: { of: 'ratio', comparison: 'atLeast', threshold: 0.8 },
      details: { lookupsPerRound: profile.lookupsPerRound },
    });
  } finally {
    await closeAll(opened);
  }
}
