import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createNode, createPool, sql } from '@iprs/sdk';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const databaseUrl = await useMigratedDatabase();
const pool = await createPool({ connectionString: databaseUrl });
afterAll(() => pool.close());
const cwd = await useTemporaryDirectory('iprs-cli-ingest-memory-', async () => undefined);

const rows = 200_000;
// The bound for a 1M-row file, held here by a 200k-row one (1M rows take minutes; `pnpm bench` measures 1M).
// The ingest runs in a worker thread with bounded heap sizes and keeps the ids it has seen off the heap; before that,
// 200k rows took 264-311 MB, V8 growing its young generation to 128 MB under the allocation rate of parsing.
const peakRssBoundMb = 250;
const nodes = ['MEM-FUND', 'MEM-FUND/A', 'MEM-FUND/B'];
const instruments = Array.from({ length: 50 }, (_, index) => `MEM-I${index}`);

/** A positions CSV of `rows` rows over a few nodes and instruments, written as a stream. */
async function writePositions(path: string, day: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,tags\n');
  for (let index = 0; index < rows; index += 1) {
    const quantity = index % 50 === 0 ? `${index}.${day}` : `${index}.5`;
    const line = `MEM-P${index},${nodes[index % nodes.length]},${instruments[index % instruments.length]},${quantity},USD,1000.25,999.125,"{""n"":${index % 7}}"\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

// Loaded with --import into the CLI process: writes its peak resident set size (kB) to IPRS_TEST_MAX_RSS_FILE at exit.
const reportPeakRss = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.IPRS_TEST_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));`;

test(
  'ingesting a 200k-row positions file keeps the peak RSS of the CLI bounded and re-ingesting it rewrites only the changed rows',
  { timeout: 300_000 },
  async () => {
    await createNode(pool, { portfolio_node_id: nodes[0]!, name: 'Memory fund', node_type: 'FUND' });
    for (const node of nodes.slice(1))
      await createNode(pool, { portfolio_node_id: node, parent_id: nodes[0]!, name: node, node_type: 'DESK' });
    await pool.query(sql.unsafe`
    INSERT INTO instrument (instrument_id, instrument_type, name, currency)
    SELECT id, 'BOND', id, 'USD' FROM unnest(${sql.array(instruments, 'text')}) AS id
  `);
    const preload = join(cwd, 'report-peak-rss.mjs');
    await writeFile(preload, reportPeakRss);
    const ingest = async (day: number) => {
      const file = join(cwd, `positions-day-${day}.csv`);
      await writePositions(file, day);
      const rssFile = join(cwd, `rss-day-${day}`);
      const run = await runIprs(['ingest', 'positions', file, '--database-url', databaseUrl], {
        cwd,
        env: { NODE_OPTIONS: `--import ${preload}`, IPRS_TEST_MAX_RSS_FILE: rssFile },
        timeout: 240_000,
      });
      return { run, peakRssMb: Number(await readFile(rssFile, 'utf8')) / 1024 };
    };

    const first = await ingest(1);
    expect(first.run.stdout).toMatch(
      new RegExp(`POSITION_UPLOAD COMPLETED: ${rows} rows read, ${rows} written, 0 errors`),
    );
    console.log(`peak RSS of iprs ingest positions (${rows} rows): ${first.peakRssMb.toFixed(0)} MB`);
    expect(first.peakRssMb).toBeLessThan(peakRssBoundMb);

    // Day 2: every 50th quantity changed (2 %); the rest is the same and must not be rewritten.
    const second = await ingest(2);
    expect(second.run.stdout).toMatch(
      new RegExp(
        `POSITION_UPLOAD COMPLETED: ${rows} rows read, ${rows / 50} written, ${rows - rows / 50} unchanged, 0 errors`,
      ),
    );
    expect(second.peakRssMb).toBeLessThan(peakRssBoundMb);
  },
);
