import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode, createPool, ingestFeed, sql, validateOpenLineageEvent } from '@iprs/sdk';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSampleDemo } from '../src/demo/run-sample-demo.js';
import { run } from '../src/run.js';

const databaseUrl = await useMigratedDatabase();
const pool = await createPool({ connectionString: databaseUrl });
afterAll(() => pool.close());
const directory = await mkdtemp(join(tmpdir(), 'iprs-cli-'));

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function iprs(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await run(['node', 'iprs', ...args, '--database-url', databaseUrl]);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

const header = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,book_value';

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'F', name: 'Fund F', node_type: 'FUND' });
  await createNode(pool, { portfolio_node_id: 'F/D', parent_id: 'F', name: 'Desk D', node_type: 'DESK' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('B1', 'BOND', 'Bond', 'USD')`,
  );
});

describe('iprs ingest, lineage and rollup', () => {
  let batchId = '';

  it('ingests a positions file and prints a summary with the batch id', async () => {
    const file = join(directory, 'positions.csv');
    await writeFile(file, `${header}\nP1,F/D,B1,100,USD,100.50\nP2,F,B1,10,EUR,1000\n`);
    const result = await iprs('ingest', 'positions', file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/batch (\S+) POSITION_UPLOAD COMPLETED: 2 rows read, 2 written, 0 errors/);
    batchId = /batch (\S+) /.exec(result.out)?.[1] ?? '';
  });

  it('says so when the same file comes again', async () => {
    const result = await iprs('ingest', 'positions', join(directory, 'positions.csv'));
    expect(result.code).toBe(0);
    expect(result.out).toContain(`already ingested`);
    expect(result.out).toContain(batchId);
  });

  it('exits 1 on a bad file and lists line, column and reason', async () => {
    const file = join(directory, 'bad.csv');
    await writeFile(file, `${header}\nP3,F/D,B1,abc,USD,1\nP4,NOPE,B1,1,USD,1\n`);
    const result = await iprs('ingest', 'positions', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAILED');
    expect(result.out).toMatch(/2\s+quantity\s+"abc"/);
    expect(result.out).toMatch(/3\s+portfolio_node_id\s+portfolio node "NOPE" does not exist/);
    expect(result.out).toContain('Nothing was written');
  });

  it('traces a batch, as a table and as OpenLineage events', async () => {
    const table = await iprs('lineage', batchId);
    expect(table.code).toBe(0);
    expect(table.out).toContain(`batch ${batchId}: POSITION_UPLOAD COMPLETED`);
    expect(table.out).toContain('parse:csv → validate:rows');
    const json = await iprs('lineage', batchId, '--openlineage');
    const events = JSON.parse(json.out) as Array<{ eventType: string }>;
    expect(events.map((event) => event.eventType)).toEqual(['START', 'COMPLETE']);
    for (const event of events) expect(validateOpenLineageEvent(event)).toEqual([]);
    const missing = await iprs('lineage', 'no-such-id');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no lineage names no-such-id');
  });

  it('prints a rollup tree in the asked currency, with the latest FX snapshot by default', async () => {
    const noFx = await iprs('rollup', 'F');
    expect(noFx.code).toBe(1);
    expect(noFx.err).toContain('No FX snapshot');
    await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'test',
      payload: { snapshot_id: 'FX1', quotes: [{ pair: 'EUR/USD', rate: '1.25' }] },
    });
    const usd = await iprs('rollup', 'F', '--ccy', 'USD');
    expect(usd.code).toBe(0);
    expect(usd.out).toContain('Rollup in USD (FX snapshot FX1)');
    expect(usd.out).toMatch(/Fund F\s+FUND\s+2\s+1,350.50/);
    expect(usd.out).toMatch(/└ Desk D\s+DESK\s+1\s+100.50/);
    const eur = await iprs('rollup', 'F', '--ccy', 'EUR', '--snapshot', 'FX1');
    expect(eur.out).toMatch(/Fund F\s+FUND\s+2\s+1,080.40/);
  });

  it('converts with the FX snapshot in force on --as-of', async () => {
    await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-20',
      source: 'test',
      payload: { snapshot_id: 'FX2', quotes: [{ pair: 'EUR/USD', rate: '1.26' }] },
    });
    const before = await iprs('rollup', 'F', '--as-of', '2026-01-19');
    expect(before.code).toBe(0);
    expect(before.out).toContain('Rollup in USD (FX snapshot FX1, in force on 2026-01-19)');
    const after = await iprs('rollup', 'F', '--as-of', '2026-01-20');
    expect(after.out).toContain('(FX snapshot FX2, in force on 2026-01-20)');
    expect((await iprs('rollup', 'F')).out).toContain('(FX snapshot FX2)');
    const tooEarly = await iprs('rollup', 'F', '--as-of', '2025-12-31');
    expect(tooEarly).toMatchObject({
      code: 1,
      err: expect.stringContaining('No FX snapshot has an as-of date on or before 2025-12-31'),
    });
    expect(await iprs('rollup', 'F', '--as-of', '31.12.2025')).toMatchObject({
      code: 2,
      err: expect.stringContaining('as_of'),
    });
    expect(await iprs('rollup', 'F', '--as-of', '2026-01-19', '--snapshot', 'FX1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('not both'),
    });
  });
});

describe('the sample demo step', () => {
  it('loads the bundled sample through the ingestion paths, and a second run changes nothing', async () => {
    const demoDatabase = await useMigratedDatabase();
    let first = '';
    await runSampleDemo(demoDatabase, { write: (text) => (first += text) });
    expect(first).toMatch(/POSITION_UPLOAD COMPLETED: 3036 rows read, 3036 written, 0 errors/);
    expect(first).toMatch(/LOAN_SERVICING COMPLETED: 240 rows read/);
    expect(first).toMatch(/POSITION_UPLOAD FAILED: 7 rows read, 0 written, 7 errors/);
    expect(first).toContain('Rollup in EUR');
    expect(first).toContain('populate:fx_spot');
    const demoPool = await createPool({ connectionString: demoDatabase });
    const count = () => demoPool.oneFirst(sql.unsafe`SELECT count(*)::int FROM position`);
    const positions = await count();
    let second = '';
    await runSampleDemo(demoDatabase, { write: (text) => (second += text) });
    expect(second.match(/already ingested/g)).toHaveLength(4);
    expect(await count()).toBe(positions);
    await demoPool.close();
  });
});
