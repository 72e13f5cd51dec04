import type { ProfileName } from '../profile.js';
import { markdownTable } from 'markdown-table';
import type { Summary } from '../harness/summary.js';
import type { BenchResult, Target } from './bench-result.js';
import { formatFigure, formatRatio } from './format-figure.js';

function formatMeasured(summary: Summary | undefined, unit: string | undefined): string {
  if (!summary || !unit) return '—';
  if (unit === 'exponent') return `k = ${summary.median.toFixed(2)}`;
  if (summary.runs.length === 1) return formatFigure(summary.median, unit);
  return `${formatFigure(summary.median, unit)} (${formatFigure(summary.min, '').trim()}–${formatFigure(summary.max, unit)})`;
}

function formatTarget(target: Target | undefined, unit: string | undefined): string {
  if (!target) return '—';
  const sign = { atLeast: '≥', atMost: '≤', below: '<' }[target.comparison];
  return target.of === 'ratio'
    ? `${sign} ${formatRatio(target.threshold)}`
    : `${sign} ${formatFigure(target.threshold, unit ?? '')}`;
}

/** The ratio, with the spread of the per-run ratios (min–max) when runs were repeated. */
function formatRatioCell(result: BenchResult): string {
  if (result.ratio === undefined) return '—';
  const spread = result.ratioSpread;
  if (!spread || spread.runs.length < 2) return formatRatio(result.ratio);
  return `${formatRatio(spread.median)} (${formatRatio(spread.min)}–${formatRatio(spread.max)}, ${spread.runs.length} runs)`;
}

const verdictLabel: Record<BenchResult['verdict'], string> = {
  pass: 'PASS',
  miss: 'MISS',
  skipped: 'SKIPPED',
  error: 'ERROR',
  report: 'reported',
};

/** The table for people: medians with (min–max), the ratio of medians, the target and the verdict; notes below. */
export function formatTable(results: readonly BenchResult[], profile: ProfileName): string {
  const rows = results.map((result) => [
    result.work,
    formatMeasured(result.iprs?.summary, result.iprs?.unit),
    formatMeasured(result.baseline?.summary, result.baseline?.unit),
    formatRatioCell(result),
    formatTarget(result.target, result.iprs?.unit),
    verdictLabel[result.verdict],
  ]);
  const table = markdownTable([
    ['work', 'iprs: median (min–max)', 'baseline: median (min–max)', 'ratio', 'target', 'verdict'],
    ...rows,
  ]);
  const notes = results
    .filter((result) => result.note)
    .map((result) => `- ${result.work} [${verdictLabel[result.verdict]}]: ${result.note}`);
  const caveat =
    profile === 'quick'
      ? '\nQuick run: a tenth of the data and few rounds. Ratios are indicative only; only errors fail the run.\n'
      : '';
  return `${table}\n${caveat}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}
