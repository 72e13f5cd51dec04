import { summarize, type Summary } from './summary.js';

export interface PairPlan {
  /** Timed rounds; each runs both sides once. */
  readonly rounds: number;
  /** Untimed rounds first, to warm caches and connections equally for both sides. */
  readonly warmupRounds?: number;
  /** Runs before each measured side (e.g. empty a table); not timed. */
  readonly prepare?: () => Promise<void>;
  /** Returns the side's figure for one run (a duration or a rate, in the unit of the comparison). */
  readonly iprs: () => Promise<number>;
  readonly baseline: () => Promise<number>;
}

export interface PairSummary {
  readonly iprs: Summary;
  readonly baseline: Summary;
}

/**
 * Measures iprs and its baseline in alternating order (baseline first in even rounds, iprs first in odd ones), so drift
 * in a shared machine's load, caches or autovacuum hits both sides alike instead of always the second.
 */
export async function measurePair(plan: PairPlan): Promise<PairSummary> {
  const runOne = async (side: () => Promise<number>): Promise<number> => {
    await plan.prepare?.();
    return side();
  };
  for (let round = 0; round < (plan.warmupRounds ?? 0); round += 1) {
    await runOne(plan.baseline);
    await runOne(plan.iprs);
  }
  const iprs: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    if (round % 2 === 0) {
      baseline.push(await runOne(plan.baseline));
      iprs.push(await runOne(plan.iprs));
    } else {
      iprs.push(await runOne(plan.iprs));
      baseline.push(await runOne(plan.baseline));
    }
  }
  return { iprs: summarize(iprs), baseline: summarize(baseline) };
}
