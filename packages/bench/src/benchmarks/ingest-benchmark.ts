import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { emptyPositions } from '../database/empty-positions.js';
import { settlePositions } from '../database/settle-positions.js';
import { generatePositions, type PositionRow } from '../dataset/generate-positions.js';
import { BenchError } from '../errors/bench-error.js';
import { measurePair } from '../harness/measure-pair.js';
import { runWorker } from '../harness/run-worker.js';
import { cliIngestPositions } from '../iprs/cli-ingest-positions.js';
import { summarize } from '../harness/summary.js';
import type { BenchResult } from '../report/bench-result.js';
import { formatFigure } from '../report/format-figure.js';
import { judge } from '../report/judge.js';
import { loadPositionsWorker, type LoadMethod, type LoadPositionsResult } from '../workers/load-positions-protocol.js';
import type { BenchContext } from './bench-context.js';

const csvHeader = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,status\n';
const csvLine = (row: PositionRow) =>
  `${row.positionId},${row.nodeId},${row.instrumentId},${row.quantity},${row.baseCcy},${row.costBasis},${row.bookValue},${row.status}\n`;

/** The rows as a POSITION_UPLOAD CSV, streamed to `path`. */
export async function writePositionsCsv(path: string, rows: Iterable<PositionRow>): Promise<void> {
  const out = createWriteStream(path);
  out.write(csvHeader);
  for (const row of rows) {
    if (!out.write(csvLine(row))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

/**
 * `iprs ingest positions` of the dataset written as a CSV (the CLI itself, as a process) against the SDK bulk load of
 * the same rows in a child process, each into an empty table, alternating: rows/s (target ≥ 0.8× the bulk load) and the ingest's peak RSS (< 250 MB).
 * Leaves the table loaded and settled, as the positions benchmark did.
 */
export async function ingestBenchmark(context: BenchContext): Promise<BenchResult[]> {
  const { databaseUrl, spec, profile } = context;
  const directory = await mkdtemp(join(tmpdir(), 'iprs-bench-ingest-'));
  try {
    const csvFile = join(directory, 'positions.csv');
    await writePositionsCsv(csvFile, generatePositions(spec));
    const peakRssBytes: Record<LoadMethod, number[]> = { sdk: [], copy: [], ingest: [] };
    const load = async (method: LoadMethod): Promise<number> => {
      const result =
        method === 'ingest'
          ? await cliIngestPositions(databaseUrl, csvFile)
          : await runWorker<LoadPositionsResult>(loadPositionsWorker, { method, databaseUrl, spec });
      if (result.rows !== spec.positionCount)
        throw new BenchError(`${method} wrote ${result.rows} rows, expected ${spec.positionCount}`);
      peakRssBytes[method].push(result.peakRssBytes);
      return result.rows / (result.ms / 1000);
    };
    context.log(`ingest: ${spec.positionCount} positions from a CSV file (${profile.loadRounds} round(s) each side)`);
    const pair = await measurePair({
      rounds: profile.loadRounds,
      prepare: () => emptyPositions(databaseUrl),
      iprs: () => load('ingest'),
      baseline: () => load('sdk'),
    });
    const rows = await settlePositions(databaseUrl);
    if (rows !== spec.positionCount)
      throw new BenchError(`the position table holds ${rows} rows after the ingest comparison`);
    const n = formatFigure(spec.positionCount, '').trim();
    const megabytes = (bytes: number) => bytes / (1024 * 1024);
    return [
      judge({
        id: 'ingest-positions',
        work: `ingest positions CSV, ${n} rows`,
        iprs: { label: '`iprs ingest positions` (process, start to exit)', unit: 'rows/s', summary: pair.iprs },
        baseline: { label: 'SDK bulkLoadPositions (child process)', unit: 'rows/s', summary: pair.baseline },
        target: { of: 'ratio', comparison: 'atLeast', threshold: 0.8 },
        note: 'the ingest starts Node, hashes, parses and validates the file and checks references; the bulk load streams generated rows',
      }),
      judge({
        id: 'ingest-positions-peak-rss',
        work: `ingest positions peak RSS (${n} rows)`,
        iprs: { label: '`iprs ingest` process', unit: 'MB', summary: summarize(peakRssBytes.ingest.map(megabytes)) },
        baseline: { label: 'SDK bulk load process', unit: 'MB', summary: summarize(peakRssBytes.sdk.map(megabytes)) },
        target: { of: 'value', comparison: 'below', threshold: 250 },
        note: 'peak resident set of the whole Node process (runtime included), from getrusage',
      }),
    ];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
