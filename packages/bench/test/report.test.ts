import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/harness/summary.js';
import type { BenchReport } from '../src/report/bench-report.js';
import type { BenchResult } from '../src/report/bench-result.js';
import { formatTable } from '../src/report/format-table.js';
import { writeReport } from '../src/report/write-report.js';

const skipped: BenchResult = {
  id: 'verify',
  work: 'iprs verify',
  target: { of: 'ratio', comparison: 'atMost', threshold: 0.5 },
  verdict: 'skipped',
  note: 'pg_prove is not installed',
};
const measured: BenchResult = {
  id: 'subtree',
  work: 'subtree rollup',
  iprs: { label: 'SDK', unit: 'ms', summary: summarize([30, 31, 40]) },
  baseline: { label: 'SQL', unit: 'ms', summary: summarize([26, 27, 28]) },
  ratio: 31 / 27,
  target: { of: 'ratio', comparison: 'atMost', threshold: 1.15 },
  verdict: 'pass',
};

describe('the table', () => {
  it('shows a missing baseline as SKIPPED with its reason, never as PASS', () => {
    const table = formatTable([skipped], 'full');
    expect(table).toContain('SKIPPED');
    expect(table).not.toContain('PASS');
    expect(table).toContain('pg_prove is not installed');
  });

  it('shows medians with min–max, the ratio and the target', () => {
    const table = formatTable([measured], 'full');
    expect(table).toContain('31 ms (30–40 ms)');
    expect(table).toContain('1.15×');
    expect(table).toContain('≤ 1.15×');
  });

  it('says that quick-run ratios are indicative', () => {
    expect(formatTable([measured], 'quick')).toMatch(/indicative/);
  });
});

describe('writeReport', () => {
  it('writes <date>.json for a full run and <date>-quick.json for a quick one', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bench-report-'));
    try {
      const report = {
        format: 1,
        profile: 'full',
        startedAt: '2026-01-02T03:04:05.000Z',
        results: [measured],
      } as unknown as BenchReport;
      const path = await writeReport(report, directory);
      expect(path).toBe(join(directory, '2026-01-02.json'));
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ profile: 'full', results: [{ id: 'subtree' }] });
      expect(await writeReport({ ...report, profile: 'quick' }, directory)).toBe(
        join(directory, '2026-01-02-quick.json'),
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
