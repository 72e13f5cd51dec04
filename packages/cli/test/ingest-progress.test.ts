import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestProgress, progressFigures, progressLine } from '../src/data-services/ingest-progress.js';

const at = (rowsRead: number, bytesRead: number, errors = 0) => ({
  rowsRead,
  bytesRead,
  totalBytes: 1_000_000,
  errors,
});

/** A piped stderr: not a TTY, keeps what is written. */
const pipe = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()),
  }) as unknown as NodeJS.WriteStream;
  return { stream, lines };
};

describe('ingest progress', () => {
  it('figures rows/s from the rows read so far and the ETA from the bytes left at that pace', () => {
    expect(progressFigures(at(50_000, 250_000), 10_000)).toEqual({ rowsPerSecond: 5_000, etaSeconds: 30 });
    expect(progressFigures(at(200_000, 1_000_000), 40_000)).toEqual({ rowsPerSecond: 5_000, etaSeconds: 0 });
    expect(progressFigures(at(0, 0), 0)).toEqual({ rowsPerSecond: 0, etaSeconds: undefined });
    expect(progressLine(at(50_000, 250_000, 3), 10_000)).toBe(
      'ingest: 25% | 50000 rows | 5000 rows/s | ETA 30s | 3 errors\n',
    );
    expect(progressLine(at(10_000, 100_000), 10_000)).toBe(
      'ingest: 10% | 10000 rows | 1000 rows/s | ETA 1m30s | 0 errors\n',
    );
  });

  it('piped, prints one line per interval however often it is updated', () => {
    const { stream, lines } = pipe();
    let clock = 0;
    const progress = ingestProgress(stream, { now: () => clock, lineIntervalMs: 5_000 });
    for (let step = 1; step <= 120; step += 1) {
      clock = step * 100;
      progress.update(at(step * 1_000, step * 5_000));
    }
    progress.stop();
    // 12 s of updates every 100 ms: lines at 5 s and 10 s only.
    expect(lines).toEqual([progressLine(at(50_000, 250_000), 5_000), progressLine(at(100_000, 500_000), 10_000)]);
    expect(lines[0]).toContain('10000 rows/s');
  });
});
