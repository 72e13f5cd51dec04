import { describe, expect, it } from 'vitest';
import { growthExponent } from '../src/harness/growth-exponent.js';
import { measurePair } from '../src/harness/measure-pair.js';
import { runConcurrently } from '../src/harness/run-concurrently.js';
import { summarize } from '../src/harness/summary.js';
import { judge } from '../src/report/judge.js';

describe('summarize', () => {
  it('gives min, median and max of the runs', () => {
    expect(summarize([5, 1, 3, 9])).toMatchObject({ min: 1, median: 4, max: 9 });
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe('growthExponent', () => {
  it('is 1 for linear growth and 2 for quadratic', () => {
    const sizes = [10_000, 100_000, 1_000_000];
    expect(growthExponent(sizes.map((size) => ({ size, value: size * 3 })))).toBeCloseTo(1, 10);
    expect(growthExponent(sizes.map((size) => ({ size, value: size * size })))).toBeCloseTo(2, 10);
  });
});

describe('measurePair', () => {
  it('alternates which side runs first and prepares before every run', async () => {
    const calls: string[] = [];
    const result = await measurePair({
      rounds: 3,
      warmupRounds: 1,
      prepare: async () => void calls.push('prepare'),
      iprs: async () => (calls.push('iprs'), 2),
      baseline: async () => (calls.push('baseline'), 1),
    });
    expect(calls.filter((call) => call !== 'prepare')).toEqual([
      'baseline',
      'iprs',
      'baseline',
      'iprs',
      'iprs',
      'baseline',
      'baseline',
      'iprs',
    ]);
    expect(calls.filter((call) => call === 'prepare')).toHaveLength(8);
    expect(result.iprs.runs).toEqual([2, 2, 2]);
    expect(result.baseline.runs).toEqual([1, 1, 1]);
  });
});

describe('runConcurrently', () => {
  it('never has more than the limit in flight and counts the successes', async () => {
    let inFlight = 0;
    let peak = 0;
    const found = await runConcurrently(
      Array.from({ length: 50 }, (_, index) => index),
      7,
      async (item) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return item % 2 === 0;
      },
    );
    expect(peak).toBe(7);
    expect(found).toBe(25);
  });
});

describe('judge', () => {
  const measured = (median: number, unit = 'ms') => ({ label: 'x', unit, summary: summarize([median]) });

  it('passes a latency ratio at or under its ceiling and misses above it', () => {
    const target = { of: 'ratio', comparison: 'atMost', threshold: 1.15 } as const;
    const pass = judge({ id: 'a', work: 'a', iprs: measured(115), baseline: measured(100), target });
    expect(pass).toMatchObject({ verdict: 'pass' });
    expect(pass.ratio).toBeCloseTo(1.15, 10);
    expect(judge({ id: 'a', work: 'a', iprs: measured(116), baseline: measured(100), target }).verdict).toBe('miss');
  });

  it('judges a throughput floor and an absolute ceiling', () => {
    const floor = { of: 'ratio', comparison: 'atLeast', threshold: 0.9 } as const;
    expect(
      judge({ id: 'b', work: 'b', iprs: measured(89, 'rows/s'), baseline: measured(100, 'rows/s'), target: floor })
        .verdict,
    ).toBe('miss');
    const ceiling = { of: 'value', comparison: 'below', threshold: 300 } as const;
    expect(judge({ id: 'c', work: 'c', iprs: measured(299, 'MB'), target: ceiling }).verdict).toBe('pass');
    expect(judge({ id: 'c', work: 'c', iprs: measured(300, 'MB'), target: ceiling }).verdict).toBe('miss');
  });

  it('refuses a ratio target without a baseline', () => {
    expect(() =>
      judge({ id: 'd', work: 'd', iprs: measured(1), target: { of: 'ratio', comparison: 'atMost', threshold: 2 } }),
    ).toThrow(/needs a baseline/);
  });
});
