import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedBatchError } from '../../src/batches/without-abandoned-batches.js';
import { ingestLoansFile } from '../../src/batches/ingest-loans-file.js';
import { ingestPositionsFile } from '../../src/batches/ingest-positions-file.js';
import { getBatch } from '../../src/batches/get-batch.js';
import { createPool } from '../../src/connection/create-pool.js';
import { createNode } from '../../src/portfolio/create-node.js';

const databaseUrl = await useMigratedDatabase();
const pool = await createPool({ connectionString: databaseUrl });
const directory = await mkdtemp(join(tmpdir(), 'iprs-ingest-kill-'));
afterAll(async () => {
  await pool.close();
  await rm(directory, { recursive: true, force: true });
});

const sdk = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const rows = 4_000;
const chunk = 500;

/**
 * A process that ingests `file` and, once the first chunk is written inside the batch's transaction, says so on stdout
 * with the batch id and then blocks (synchronously, so nothing more happens) until it is killed.
 */
const childScript = `
import { createPool, ingestPositionsFile, ingestLoansFile } from ${JSON.stringify(sdk)};
const [kind, file] = process.argv.slice(2);
const pool = await createPool({ connectionString: process.env.IPRS_TEST_URL });
const ingest = kind === 'loans' ? ingestLoansFile : ingestPositionsFile;
let told = false;
await ingest(pool, {
  file,
  chunk_size: ${chunk},
  onProgress: (progress) => {
    if (told) return;
    told = true;
    process.stdout.write('mid-file ' + progress.rowsRead + '\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
  },
});
process.stdout.write('finished\\n');
`;

const count = (query: ReturnType<typeof sql.fragment>) =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`${query}`);

/** Runs the child until it reports being mid-file, kills it with SIGKILL, and waits until PostgreSQL has ended its session. */
async function killMidFile(kind: 'positions' | 'loans', file: string): Promise<string> {
  const script = join(directory, 'ingest-child.mjs');
  await writeFile(script, childScript);
  const child = spawn(process.execPath, [script, kind, file], {
    env: { ...process.env, IPRS_TEST_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += String(data)));
  const exited = once(child, 'exit');
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child never got mid-file; stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (data: Buffer) => {
        stdout += String(data);
        if (stdout.includes('mid-file')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the child ended before it was killed: ${stdout} ${stderr}`)));
    });
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  expect(stdout).toBe(`mid-file ${chunk}\n`);
  const batch = await pool.one(sql.type(z.object({ batch_id: z.string(), status: z.string() }))`
    SELECT batch_id, status FROM ingestion_batch WHERE source_file = ${file} ORDER BY started_at DESC LIMIT 1`);
  expect(batch.status).toBe('VALIDATING');
  await sessionsGone();
  return batch.batch_id;
}

/** PostgreSQL ends a killed client's session when it notices the closed socket: wait for that (bounded). */
async function sessionsGone(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const held = await count(
      sql.fragment`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if (held === 0) return;
    await sleep(100);
  }
  throw new Error('the killed process still holds its advisory lock after 10 s');
}

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'KILL-BOOK', name: 'Kill book', node_type: 'FUND' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('KILL-BOND', 'BOND', 'Bond', 'USD')`,
  );
});

describe('kill -9 of an ingestion mid-file, then the same file again', () => {
  it('positions: nothing of the killed batch is written; the re-run fails it as abandoned and writes every row once', async () => {
    const lines = ['position_id,portfolio_node_id,instrument_id,quantity,base_ccy,book_value'];
    for (let index = 0; index < rows; index += 1) lines.push(`KP-${index},KILL-BOOK,KILL-BOND,${index}.5,USD,${index}`);
    const file = join(directory, 'positions.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    const killed = await killMidFile('positions', file);
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM position WHERE position_id LIKE 'KP-%'`)).toBe(0);

    const rerun = await ingestPositionsFile(pool, { file, chunk_size: chunk });
    expect(rerun).toMatchObject({
      duplicate: false,
      rowsRead: rows,
      rowsWritten: rows,
      errorCount: 0,
      batch: { status: 'COMPLETED' },
    });
    expect(await getBatch(pool, killed)).toMatchObject({
      status: 'FAILED',
      validation_errors_json: [abandonedBatchError],
    });
    expect(
      await count(
        sql.fragment`SELECT count(DISTINCT position_id)::int AS n FROM position WHERE position_id LIKE 'KP-%'`,
      ),
    ).toBe(rows);
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM position WHERE position_id LIKE 'KP-%'`)).toBe(rows);
    expect(
      await count(
        sql.fragment`SELECT count(*)::int AS n FROM position WHERE position_id = 'KP-3999' AND quantity = 3999.5`,
      ),
    ).toBe(1);
  });

  it('loans: neither instruments nor positions of the killed batch are written; the re-run writes each once', async () => {
    const lines = ['loan_id,name,currency,portfolio_node_id,position_id,outstanding_principal'];
    for (let index = 0; index < rows; index += 1)
      lines.push(`KL-${index},Loan ${index},EUR,KILL-BOOK,KLP-${index},${index + 1}000`);
    const file = join(directory, 'loans.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    const killed = await killMidFile('loans', file);
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM instrument WHERE instrument_id LIKE 'KL-%'`)).toBe(
      0,
    );
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM position WHERE position_id LIKE 'KLP-%'`)).toBe(0);

    const rerun = await ingestLoansFile(pool, { file });
    expect(rerun).toMatchObject({
      duplicate: false,
      rowsRead: rows,
      rowsWritten: rows,
      batch: { status: 'COMPLETED' },
    });
    expect(await getBatch(pool, killed)).toMatchObject({
      status: 'FAILED',
      validation_errors_json: [abandonedBatchError],
    });
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM instrument WHERE instrument_id LIKE 'KL-%'`)).toBe(
      rows,
    );
    expect(await count(sql.fragment`SELECT count(*)::int AS n FROM position WHERE position_id LIKE 'KLP-%'`)).toBe(
      rows,
    );
  });
});
