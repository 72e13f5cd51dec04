import type { Summary } from '../harness/summary.js';

/** pass/miss: a target was checked. skipped: the comparison could not be made (never counted as a pass). */
export type Verdict = 'pass' | 'miss' | 'skipped' | 'error' | 'report';

export interface Target {
  /** `ratio`: iprs figure ÷ baseline figure; `value`: the iprs figure itself. */
  readonly of: 'ratio' | 'value';
  readonly comparison: 'atLeast' | 'atMost' | 'below';
  readonly threshold: number;
}

export interface Measured {
  /** What ran, e.g. "SDK bulkLoadPositions" or "raw COPY via pg-copy-streams". */
  readonly label: string;
  /** The figure's unit, e.g. "ms" or "rows/s". */
  readonly unit: string;
  readonly summary: Summary;
}

export interface BenchResult {
  readonly id: string;
  /** The work, as the table names it. */
  readonly work: string;
  readonly iprs?: Measured;
  readonly baseline?: Measured;
  /** median(iprs) ÷ median(baseline); over repeated runs, the median of the per-run ratios. */
  readonly ratio?: number;
  /** Over repeated runs (`--repeat`): min/median/max of the per-run ratios. */
  readonly ratioSpread?: Summary;
  readonly target?: Target;
  readonly verdict: Verdict;
  /** Why skipped or failed, or what to keep in mind reading the figure. */
  readonly note?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
