import { describe, expect, it } from 'vitest';
import { summarize } from '../src/harness/summary.js';
import type { BenchReport } from '../src/report/bench-report.js';
import type { BenchResult } from '../src/report/bench-result.js';
import { formatTable } from '../src/report/format-table.js';
import { mergeRepeats } from '../src/report/merge-repeats.js';

const load = (ratio: number, verdict: BenchResult['verdict'], iprsRuns: number[]): BenchResult => ({
  id: 'load',
  work: 'bulk load',
  iprs: { label: 'SDK', unit: 'rows/s', summary: summarize(iprsRuns) },
  baseline: { label: 'COPY', unit: 'rows/s', summary: summarize([100]) },
  ratio,
  target: { of: 'ratio', comparison: 'atLeast', threshold: 0.95 },
  verdict,
});

const run = (startedAt: string, results: BenchResult[]): BenchReport =>
  ({ format: 1, profile: 'full', startedAt, finishedAt: startedAt, results }) as unknown as BenchReport;

describe('--repeat', () => {
  it('reports the spread of per-run ratios and passes a target only if every run passed', () => {
    const merged = mergeRepeats([
      run('t1', [load(0.97, 'pass', [97])]),
      run('t2', [load(0.93, 'miss', [93])]),
      run('t3', [load(0.99, 'pass', [99])]),
    ]);
    expect(merged).toMatchObject({ startedAt: 't1', repeats: 3 });
    const [result] = merged.results;
    expect(result).toMatchObject({ verdict: 'miss', ratio: 0.97, ratioSpread: { min: 0.93, median: 0.97, max: 0.99 } });
    expect(result?.iprs?.summary.runs).toEqual([97, 93, 99]);
    expect(formatTable(merged.results, 'full')).toContain('0.97× (0.93×–0.99×, 3 runs)');
  });

  it('an error in any run is an error; all passes are a pass; one run is returned as it is', () => {
    const passes = mergeRepeats([run('a', [load(1, 'pass', [1])]), run('b', [load(1.1, 'pass', [2])])]);
    expect(passes.results[0]?.verdict).toBe('pass');
    const errored = mergeRepeats([
      run('a', [load(1, 'pass', [1])]),
      run('b', [{ id: 'load', work: 'bulk load', verdict: 'error', note: 'server died' }]),
    ]);
    expect(errored.results[0]).toMatchObject({ verdict: 'error', note: 'server died', ratio: 1 });
    const single = run('a', [load(1, 'pass', [1])]);
    expect(mergeRepeats([single])).toBe(single);
    expect(() => mergeRepeats([])).toThrow(RangeError);
  });
});
