import { bulkLoadPositions, createPool, type PositionInput } from '@iprs/sdk';
import { reportingCurrency } from '../dataset/currencies.js';
import { latestFxSnapshotId } from '../dataset/generate-fx-spots.js';
import { fundId } from '../dataset/generate-nodes.js';
import { generatePositions, type PositionRow } from '../dataset/generate-positions.js';
import { withClient } from '@iprs/schema/internal';
import { BenchError } from '../errors/bench-error.js';
import { elapsedMs } from '../harness/elapsed.js';
import { summarize, type Summary } from '../harness/summary.js';
import { openSdkRollups } from '../iprs/sdk-rollups.js';
import type { BenchResult } from '../report/bench-result.js';
import { formatFigure } from '../report/format-figure.js';
import { judge } from '../report/judge.js';
import type { BenchContext } from './bench-context.js';

/** Percent of the positions whose quantity changes on day d (1-based): 1 % on day 1 up to 5 % on day 5. */
const changedPercent = (day: number) => Math.min(day, 5);

/** Whether position `row` changes on `day`: a fixed spread over the ids, different each day. */
const changesOn = (row: PositionRow, day: number) => {
  const index = Number(row.positionId.slice(4));
  return ((Math.imul(index, 2_654_435_761) >>> 0) + day * 7_919) % 100 < changedPercent(day);
};

/** The last day up to `day` on which the position changed (0: never): changes carry over to the following days. */
const lastChange = (row: PositionRow, day: number) => {
  for (let candidate = day; candidate >= 1; candidate -= 1) if (changesOn(row, candidate)) return candidate;
  return 0;
};

function* dayOfUploads(rows: Iterable<PositionRow>, day: number): Generator<PositionInput> {
  for (const row of rows) {
    const changed = lastChange(row, day);
    yield {
      position_id: row.positionId,
      portfolio_node_id: row.nodeId,
      instrument_id: row.instrumentId,
      // A fifth fraction digit naming the day of the last change: exact, within the amount domain, new each change.
      quantity: changed > 0 ? `${row.quantity}${changed}` : row.quantity,
      base_ccy: row.baseCcy,
      cost_basis: row.costBasis,
      book_value: row.bookValue,
      status: row.status,
    };
  }
}

interface DayResult {
  readonly day: number;
  readonly written: number;
  readonly unchanged: number;
  readonly ms: number;
}

const deadTuples = (databaseUrl: string) =>
  withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ dead: string }>(
      `SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE relname = 'position'`,
    );
    return Number(rows[0]?.dead ?? 0);
  });

/**
 * The book re-uploaded every day: the positions loaded by the positions benchmark are upserted again `reuploadDays`
 * times through the SDK, 1–5 % of quantities changed each day, with default autovacuum (no VACUUM between days).
 * Rollups are timed on the fresh table first and again after the last day; the target is ≤ 1.3× the fresh figures.
 */
export async function reuploadBenchmark(context: BenchContext): Promise<BenchResult[]> {
  const { profile, databaseUrl, spec } = context;
  const fund = fundId(0);
  const rollups = await openSdkRollups({ databaseUrl, fxSnapshotId: latestFxSnapshotId(spec), reportingCurrency });
  const pool = await createPool({ connectionString: databaseUrl, maxPoolSize: 1 });
  try {
    const time = async (work: () => Promise<unknown>): Promise<Summary> => {
      for (let round = 0; round < profile.rollupWarmupRounds; round += 1) await work();
      const runs: number[] = [];
      for (let round = 0; round < profile.rollupRounds; round += 1) runs.push(await elapsedMs(work));
      return summarize(runs);
    };
    context.log('daily re-uploads: rollups on the fresh table');
    const fresh = {
      subtree: await time(() => rollups.subtree(fund)),
      wholeTree: await time(() => rollups.wholeTree()),
    };
    const days: DayResult[] = [];
    for (let day = 1; day <= profile.reuploadDays; day += 1) {
      let loaded = { rows: 0, written: 0, unchanged: 0 };
      const ms = await elapsedMs(async () => {
        loaded = await bulkLoadPositions(pool, dayOfUploads(generatePositions(spec), day), { mode: 'upsert' });
      });
      if (loaded.rows !== spec.positionCount)
        throw new BenchError(`day ${day}: re-upload took ${loaded.rows} rows, expected ${spec.positionCount}`);
      days.push({ day, written: loaded.written, unchanged: loaded.unchanged, ms });
      context.log(
        `daily re-uploads: day ${day}: ${loaded.written} written, ${loaded.unchanged} unchanged, ${formatFigure(ms, 'ms')}`,
      );
    }
    context.log('daily re-uploads: rollups after the last day');
    const after = {
      subtree: await time(() => rollups.subtree(fund)),
      wholeTree: await time(() => rollups.wholeTree()),
    };
    const details = { days, deadTuplesAfter: await deadTuples(databaseUrl) };
    const n = formatFigure(spec.positionCount, '').trim();
    const note = `${profile.reuploadDays} daily upserts of all ${n} positions, 1–5 % changed a day, default autovacuum; written per day: ${days.map((d) => d.written).join(', ')}`;
    return [
      judge({
        id: 'reupload-subtree-rollup',
        work: `subtree rollup after ${profile.reuploadDays} daily re-uploads (${n} positions)`,
        iprs: { label: `SDK rollupNode after day ${profile.reuploadDays}`, unit: 'ms', summary: after.subtree },
        baseline: { label: 'SDK rollupNode, fresh', unit: 'ms', summary: fresh.subtree },
        target: { of: 'ratio', comparison: 'atMost', threshold: 1.3 },
        note,
        details,
      }),
      judge({
        id: 'reupload-whole-tree-rollup',
        work: `whole-tree rollup after ${profile.reuploadDays} daily re-uploads (${n} positions)`,
        iprs: { label: `SDK rollupTree after day ${profile.reuploadDays}`, unit: 'ms', summary: after.wholeTree },
        baseline: { label: 'SDK rollupTree, fresh', unit: 'ms', summary: fresh.wholeTree },
        target: { of: 'ratio', comparison: 'atMost', threshold: 1.3 },
        note,
        details,
      }),
    ];
  } finally {
    await pool.close();
    await rollups.close();
  }
}
