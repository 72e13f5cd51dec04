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
 * getPosition (Slonik, row validation, bounded pool, a named prepared statement) against raw pg.Pool sending the same
 * SELECT unnamed (the target), and, reported beside it, against raw pg.Pool sending it as a named prepared statement
 * too — the fastest the driver underneath can go.
 */
export async function lookupsBenchmark(context: BenchContext): Promise<BenchResult[]> {
  const { profile, spec, databaseUrl } = context;
  const random = createSeededRandom(spec.seed + 5);
  const positionIds = Array.from(
    { length: profile.lookupsPerRound },
    () => `POS-${String(random.int(0, spec.positionCount - 1)).padStart(7, '0')}`,
  );
  context.log(
    `lookups: ${profile.lookupsPerRound} per round, ${profile.lookupConcurrency} in flight, pool of ${profile.lookupPoolSize}`,
  );
  const opened: PkLookups[] = [];
  try {
    const sdk = await openSdkLookups(databaseUrl, profile.lookupPoolSize);
    opened.push(sdk);
    const raw = await openPgPoolLookups(databaseUrl, profile.lookupPoolSize, sdkPositionColumns);
    opened.push(raw);
    const rawPrepared = await openPgPoolLookups(databaseUrl, profile.lookupPoolSize, sdkPositionColumns, {
      prepared: true,
    });
    opened.push(rawPrepared);
    const throughput = async (lookups: PkLookups): Promise<number> => {
      let found = 0;
      const ms = await elapsedMs(async () => {
        found = await runConcurrently(positionIds, profile.lookupConcurrency, lookups.lookup);
      });
      if (found !== positionIds.length)
        throw new BenchError(`only ${found} of ${positionIds.length} lookups found their position`);
      return positionIds.length / (ms / 1000);
    };
    const { iprs, baseline } = await measurePair({
      rounds: profile.lookupRounds,
      warmupRounds: 1,
      iprs: () => throughput(sdk),
      baseline: () => throughput(raw),
    });
    const versusPrepared = await measurePair({
      rounds: profile.lookupRounds,
      warmupRounds: 1,
      iprs: () => throughput(sdk),
      baseline: () => throughput(rawPrepared),
    });
    const work = `primary-key lookups, ${profile.lookupConcurrency} in flight, pool of ${profile.lookupPoolSize}`;
    const sdkSide = { label: 'SDK getPosition on createPool', unit: 'lookups/s' } as const;
    const versusPreparedJudged = judge({
      id: 'pk-lookups-vs-prepared',
      work: `${work}, against prepared raw pg`,
      iprs: { ...sdkSide, summary: versusPrepared.iprs },
      baseline: {
        label: 'raw pg.Pool, same SELECT as a named prepared statement',
        unit: 'lookups/s',
        summary: versusPrepared.baseline,
      },
      target: { of: 'ratio', comparison: 'atLeast', threshold: 0.9 },
      details: { lookupsPerRound: profile.lookupsPerRound },
    });
    return [
      judge({
        id: 'pk-lookups',
        work,
        iprs: { ...sdkSide, summary: iprs },
        baseline: { label: 'raw pg.Pool, same SELECT', unit: 'lookups/s', summary: baseline },
        target: { of: 'ratio', comparison: 'atLeast', threshold: 0.9 },
        details: { lookupsPerRound: profile.lookupsPerRound },
      }),
      // What the SDK's own machinery costs over the same driver doing the same thing: reported, not a target.
      { ...versusPreparedJudged, verdict: 'report' },
    ];
  } finally {
    await closeAll(opened);
  }
}
