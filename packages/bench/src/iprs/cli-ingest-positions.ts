import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../errors/bench-error.js';
import { elapsedMs } from '../harness/elapsed.js';
import { runCommand } from '../harness/run-command.js';
import type { LoadPositionsResult } from '../workers/load-positions-protocol.js';

const iprsBin = fileURLToPath(new URL('./bin.js', import.meta.resolve('@iprs/cli')));

// Preloaded into the CLI process: writes its peak resident set (kB, the whole process: every thread) at exit.
const reportPeakRss = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.IPRS_BENCH_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));`;

/**
 * `iprs ingest positions <csv> --force` as a person runs it: a process of its own, timed from start to exit (Node's
 * start-up and the pool's connection included), its peak RSS read from getrusage at its exit.
 */
export async function cliIngestPositions(databaseUrl: string, csvFile: string): Promise<LoadPositionsResult> {
  const directory = await mkdtemp(join(tmpdir(), 'iprs-bench-cli-ingest-'));
  try {
    const preload = join(directory, 'report-peak-rss.mjs');
    const rssFile = join(directory, 'max-rss');
    await writeFile(preload, reportPeakRss);
    let stdout = '';
    const ms = await elapsedMs(async () => {
      const outcome = await runCommand(
        process.execPath,
        [iprsBin, 'ingest', 'positions', csvFile, '--force', '--database-url', databaseUrl],
        {
          env: { ...process.env, NODE_OPTIONS: `--import ${preload}`, IPRS_BENCH_MAX_RSS_FILE: rssFile },
          timeoutMs: 1_800_000,
        },
      );
      if (outcome.exitCode !== 0)
        throw new BenchError(
          `iprs ingest positions exited ${outcome.exitCode}: ${outcome.stderr.trim().split('\n').at(-1)}`,
        );
      stdout = outcome.stdout;
    });
    const written = /COMPLETED: (\d+) rows read/u.exec(stdout);
    if (!written) throw new BenchError(`iprs ingest positions did not report a completed batch: ${stdout.trim()}`);
    return { rows: Number(written[1]), ms, peakRssBytes: Number(await readFile(rssFile, 'utf8')) * 1024 };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
