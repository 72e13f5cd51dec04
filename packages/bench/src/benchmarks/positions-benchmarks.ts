import { openSqlRollups } from '../baselines/sql-rollups.js';
import { emptyPositions } from '../database/empty-positions.js';
import { settlePositions } from '../database/settle-positions.js';
import { reportingCurrency } from '../dataset/currencies.js';
import { withPositionCount } from '../dataset/dataset-spec.js';
import { latestFxSnapshotId } from '../dataset/generate-fx-spots.js';
import { fundId } from '../dataset/generate-nodes.js';
import { BenchError } from '../errors/bench-error.js';
import { closeAll } from '../harness/close-all.js';
import { elapsedMs } from '../harness/elapsed.js';
import { growthExponent } from '../harness/growth-exponent.js';
import { measurePair, type PairSummary } from '../harness/measure-pair.js';
import { runWorker } from '../harness/run-worker.js';
import { summarize } from '../harness/summary.js';
import { openSdkRollups } from '../iprs/sdk-rollups.js';
import type { BenchResult } from '../report/bench-result.js';
import { formatFigure } from '../report/format-figure.js';
import { judge } from '../report/judge.js';
import { loadPositionsWorker, type LoadMethod, type LoadPositionsResult } from '../workers/load-positions-protocol.js';
import type { BenchContext } from './bench-context.js';
import type { RollupEngine } from './rollup-engine.js';
import { assertSameRollups } from './same-rollups.js';

interface Rollups {
  /** ms */
  readonly subtree: PairSummary;
  readonly wholeTree: PairSummary;
}

interface SizePoint {
  readonly size: number;
  /** rows/s */
  readonly load: PairSummary;
  readonly peakRssBytes: { readonly sdk: readonly number[]; readonly copy: readonly number[] };
  /** The rollups, or why they could not be measured at this size. */
  readonly rollups: Rollups | Error;
}

const megabytes = (bytes: number) => bytes / (1024 * 1024);

async function measureLoads(context: BenchContext, size: number): Promise<Pick<SizePoint, 'load' | 'peakRssBytes'>> {
  const spec = withPositionCount(context.spec, size);
  const peakRssBytes: Record<LoadMethod, number[]> = { sdk: [], copy: [], ingest: [] };
  const load = async (method: LoadMethod): Promise<number> => {
    const result = await runWorker<LoadPositionsResult>(loadPositionsWorker, {
      method,
      databaseUrl: context.databaseUrl,
      spec,
    });
    if (result.rows !== size) throw new BenchError(`${method} load reported ${result.rows} rows, expected ${size}`);
    peakRssBytes[method].push(result.peakRssBytes);
    return result.rows / (result.ms / 1000);
  };
  const loadPair = await measurePair({
    rounds: context.profile.loadRounds,
    prepare: () => emptyPositions(context.databaseUrl),
    iprs: () => load('sdk'),
    baseline: () => load('copy'),
  });
  const rows = await settlePositions(context.databaseUrl);
  if (rows !== size) throw new BenchError(`the position table holds ${rows} rows after loading ${size}`);
  return { load: loadPair, peakRssBytes };
}

async function measureRollups(context: BenchContext): Promise<Rollups> {
  const request = {
    databaseUrl: context.databaseUrl,
    fxSnapshotId: latestFxSnapshotId(context.spec),
    reportingCurrency,
  };
  const fund = fundId(0);
  const engines: RollupEngine[] = [];
  try {
    const sdk = await openSdkRollups(request);
    engines.push(sdk);
    const sql = await openSqlRollups(request);
    engines.push(sql);
    // Same answers first (this also warms both paths), then time them.
    assertSameRollups(`subtree rollup of ${fund}`, [await sdk.subtree(fund)], [await sql.subtree(fund)]);
    assertSameRollups('whole-tree rollup', await sdk.wholeTree(), await sql.wholeTree());
    const plan = { rounds: context.profile.rollupRounds, warmupRounds: context.profile.rollupWarmupRounds };
    const subtree = await measurePair({
      ...plan,
      iprs: () => elapsedMs(() => sdk.subtree(fund)),
      baseline: () => elapsedMs(() => sql.subtree(fund)),
    });
    const wholeTree = await measurePair({
      ...plan,
      iprs: () => elapsedMs(() => sdk.wholeTree()),
      baseline: () => elapsedMs(() => sql.wholeTree()),
    });
    return { subtree, wholeTree };
  } finally {
    await closeAll(engines);
  }
}

function scalingResult<P extends { readonly size: number }>(
  id: string,
  work: string,
  points: readonly P[],
  figure: (point: P) => { iprs: number; baseline: number },
  labels: { iprs: string; baseline: string },
): BenchResult {
  const series = (side: 'iprs' | 'baseline') =>
    points.map((point) => ({ size: point.size, value: figure(point)[side] }));
  const describe = (side: 'iprs' | 'baseline') =>
    series(side)
      .map((point) => `${formatFigure(point.size, '').trim()}: ${formatFigure(point.value, 'ms')}`)
      .join(', ');
  return {
    id,
    work,
    iprs: { label: labels.iprs, unit: 'exponent', summary: summarize([growthExponent(series('iprs'))]) },
    baseline: { label: labels.baseline, unit: 'exponent', summary: summarize([growthExponent(series('baseline'))]) },
    verdict: 'report',
    note: `growth exponent k of time ∝ positionsᵏ; median times: iprs ${describe('iprs')}; baseline ${describe('baseline')}`,
    details: { sizes: points.map((point) => point.size), iprsMs: series('iprs'), baselineMs: series('baseline') },
  };
}

/**
 * Loads the positions at each scaling size (SDK in a child process against raw COPY in a child process), then times
 * both rollups on what was loaded. The largest size gives the headline figures; all sizes give the growth exponents.
 */
export async function positionsBenchmarks(context: BenchContext): Promise<BenchResult[]> {
  const points: SizePoint[] = [];
  for (const size of context.profile.scalingSizes) {
    context.log(`positions: loading ${size} positions (${context.profile.loadRounds} round(s) each side)`);
    const loads = await measureLoads(context, size);
    context.log(`positions: rollups at ${size} positions`);
    const rollups = await measureRollups(context).catch((error: unknown) => {
      context.log(
        `rollups at ${size} positions failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return error instanceof Error ? error : new Error(String(error));
    });
    points.push({ size, ...loads, rollups });
  }
  const largest = points.at(-1);
  if (!largest) throw new BenchError('the profile has no scaling sizes');
  const n = formatFigure(largest.size, '').trim();
  const rolledUp = points.flatMap((point) =>
    point.rollups instanceof Error ? [] : [{ size: point.size, ...point.rollups }],
  );
  const rollupResults = (rollups: Rollups | Error): BenchResult[] => {
    const subtreeWork = `subtree rollup of one fund with FX (${n} positions)`;
    const wholeTreeWork = `whole-tree rollup, 11,110 nodes (${n} positions)`;
    if (rollups instanceof Error) {
      const note = rollups.message.split('\n')[0] ?? rollups.message;
      return [
        { id: 'subtree-rollup', work: subtreeWork, verdict: 'error', note },
        { id: 'whole-tree-rollup', work: wholeTreeWork, verdict: 'error', note },
      ];
    }
    return [
      judge({
        id: 'subtree-rollup',
        work: subtreeWork,
        iprs: { label: 'SDK rollupNode', unit: 'ms', summary: rollups.subtree.iprs },
        baseline: { label: 'hand-written SQL through raw pg', unit: 'ms', summary: rollups.subtree.baseline },
        target: { of: 'ratio', comparison: 'atMost', threshold: 1.15 },
      }),
      judge({
        id: 'whole-tree-rollup',
        work: wholeTreeWork,
        iprs: { label: 'SDK rollupTree', unit: 'ms', summary: rollups.wholeTree.iprs },
        baseline: { label: 'hand-written SQL through raw pg', unit: 'ms', summary: rollups.wholeTree.baseline },
        target: { of: 'ratio', comparison: 'atMost', threshold: 1.15 },
      }),
    ];
  };
  return [
    judge({
      id: 'bulk-load',
      work: `bulk load ${n} positions (FKs and indexes present)`,
      iprs: { label: 'SDK bulkLoadPositions (child process)', unit: 'rows/s', summary: largest.load.iprs },
      baseline: {
        label: 'raw COPY via pg-copy-streams (child process)',
        unit: 'rows/s',
        summary: largest.load.baseline,
      },
      target: { of: 'ratio', comparison: 'atLeast', threshold: 0.95 },
      note: 'rows/s of the load call alone; both sides generate the same rows on the fly in their own process',
    }),
    judge({
      id: 'bulk-load-peak-rss',
      work: `SDK bulk load peak RSS (${n} positions)`,
      iprs: { label: 'SDK load process', unit: 'MB', summary: summarize(largest.peakRssBytes.sdk.map(megabytes)) },
      baseline: {
        label: 'COPY load process',
        unit: 'MB',
        summary: summarize(largest.peakRssBytes.copy.map(megabytes)),
      },
      target: { of: 'value', comparison: 'below', threshold: 300 },
      note: 'peak resident set of the whole Node process (runtime included), from getrusage',
    }),
    ...rollupResults(largest.rollups),
    scalingResult(
      'scaling-load',
      'scaling: bulk load',
      points,
      (point) => ({
        iprs: (point.size / point.load.iprs.median) * 1000,
        baseline: (point.size / point.load.baseline.median) * 1000,
      }),
      { iprs: 'SDK bulk load', baseline: 'raw COPY' },
    ),
    ...(rolledUp.length < 2
      ? []
      : [
          scalingResult(
            'scaling-subtree-rollup',
            'scaling: subtree rollup',
            rolledUp,
            (point) => ({ iprs: point.subtree.iprs.median, baseline: point.subtree.baseline.median }),
            { iprs: 'SDK rollupNode', baseline: 'hand-written SQL' },
          ),
          scalingResult(
            'scaling-whole-tree-rollup',
            'scaling: whole-tree rollup',
            rolledUp,
            (point) => ({ iprs: point.wholeTree.iprs.median, baseline: point.wholeTree.baseline.median }),
            { iprs: 'SDK rollupTree', baseline: 'hand-written SQL' },
          ),
        ]),
  ];
}
