import { summarize, type Summary } from '../harness/summary.js';
import type { BenchReport } from './bench-report.js';
import type { BenchResult, Measured, Verdict } from './bench-result.js';

// The verdict of a comparison over its repetitions is its worst one: a target holds only if it held in every run.
const verdictOrder: readonly Verdict[] = ['error', 'skipped', 'miss', 'pass', 'report'];

const worstVerdict = (verdicts: readonly Verdict[]): Verdict =>
  verdictOrder.find((verdict) => verdicts.includes(verdict)) ?? 'report';

const pooled = (measured: readonly (Measured | undefined)[]): Measured | undefined => {
  const present = measured.filter((entry): entry is Measured => entry !== undefined);
  const first = present[0];
  if (first === undefined) return undefined;
  return { ...first, summary: summarize(present.flatMap((entry) => entry.summary.runs)) };
};

const mergeResult = (repeats: readonly BenchResult[]): BenchResult => {
  const first = repeats[0]!;
  const ratios = repeats.flatMap((result) => (result.ratio === undefined ? [] : [result.ratio]));
  const ratioSpread: Summary | undefined = ratios.length > 0 ? summarize(ratios) : undefined;
  const notes = [...new Set(repeats.flatMap((result) => (result.note ? [result.note] : [])))];
  const iprs = pooled(repeats.map((result) => result.iprs));
  const baseline = pooled(repeats.map((result) => result.baseline));
  return {
    id: first.id,
    work: first.work,
    ...(iprs ? { iprs } : {}),
    ...(baseline ? { baseline } : {}),
    ...(ratioSpread ? { ratio: ratioSpread.median, ratioSpread } : {}),
    ...(first.target ? { target: first.target } : {}),
    verdict: worstVerdict(repeats.map((result) => result.verdict)),
    ...(notes.length > 0 ? { note: notes.join(' / ') } : {}),
    details: { ...first.details, repeats: repeats.length, perRun: repeats.map((result) => result.details ?? {}) },
  };
};

/**
 * One report from several runs of the same profile: per comparison, the per-run ratios (min/median/max in
 * `ratioSpread`, the median as `ratio`), every run's figures pooled, and the worst verdict — a target passes only
 * when it passed in every run, and a comparison that errored in any run is an error.
 */
export function mergeRepeats(reports: readonly BenchReport[]): BenchReport {
  const first = reports[0];
  const last = reports.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('cannot merge zero runs');
  if (reports.length === 1) return first;
  const ids = [...new Set(reports.flatMap((report) => report.results.map((result) => result.id)))];
  const results = ids.map((id) =>
    mergeResult(reports.flatMap((report) => report.results.filter((result) => result.id === id))),
  );
  return { ...last, startedAt: first.startedAt, repeats: reports.length, results };
}
