import type { BenchResult, Measured, Target } from './bench-result.js';

/** Builds a result whose verdict compares the median ratio (or value) with the target. */
export function judge(
  fields: Omit<BenchResult, 'ratio' | 'verdict'> & { readonly iprs: Measured; readonly target: Target },
): BenchResult {
  const { iprs, baseline, target } = fields;
  const ratio = baseline ? iprs.summary.median / baseline.summary.median : undefined;
  const figure = target.of === 'ratio' ? ratio : iprs.summary.median;
  if (figure === undefined) throw new Error(`${fields.id}: a ratio target needs a baseline measurement`);
  const met =
    target.comparison === 'atLeast'
      ? figure >= target.threshold
      : target.comparison === 'atMost'
        ? figure <= target.threshold
        : figure < target.threshold;
  return { ...fields, ...(ratio === undefined ? {} : { ratio }), verdict: met ? 'pass' : 'miss' };
}
