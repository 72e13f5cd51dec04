import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createNode, createPool, sql } from '@iprs/sdk';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';

const databaseUrl = await useMigratedDatabase();
const pool = await createPool({ connectionString: databaseUrl });
const directory = await mkdtemp(join(tmpdir(), 'iprs-cli-ingest-kill-'));
afterAll(async () => {
  await pool.close();
  await rm(directory, { recursive: true, force: true });
});

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const rows = 40_000;
/** pg_locks lists the whole cluster; other test files' databases share it. */
const thisDatabase = sql.fragment`l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
const number = async (query: ReturnType<typeof sql.fragment>) => Number(await pool.oneFirst(sql.unsafe`${query}`));

/** Until `condition` holds, checking every 20 ms for at most `seconds`. */
async function waitFor(condition: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  for (let waited = 0; waited < seconds * 1_000; waited += 20) {
    if (await condition()) return;
    await sleep(20);
  }
  throw new Error(`${what} did not happen within ${seconds} s`);
}

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'KILL', name: 'Kill fund', node_type: 'FUND' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('KB', 'BOND', 'Bond', 'USD')`,
  );
});

test('kill -9 of `iprs ingest` once it has written rows in its transaction; the same command again writes every row once', async () => {
  const lines = ['position_id,portfolio_node_id,instrument_id,quantity,base_ccy,book_value'];
  for (let index = 0; index < rows; index += 1) lines.push(`CK-${index},KILL,KB,${index},USD,${index}.5`);
  const file = join(directory, 'positions.csv');
  await writeFile(file, `${lines.join('\n')}\n`);

  const child = spawn(process.execPath, [bin, 'ingest', 'positions', file, '--database-url', databaseUrl], {
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');
  try {
    // Another session writing into position, or into the staging table its COPY fills first, is the ingestion's open
    // transaction once it has written its first rows.
    await waitFor(
      async () =>
        (await number(sql.fragment`
          SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE c.relname IN ('position', 'iprs_position_load') AND l.mode = 'RowExclusiveLock'
            AND l.pid <> pg_backend_pid() AND ${thisDatabase}`)) > 0,
      45,
      'the first write of the ingestion',
    );
  } finally {
    child.kill('SIGKILL');
  }
  const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect(signal).toBe('SIGKILL');
  await waitFor(
    async () =>
      (await number(
        sql.fragment`SELECT count(*) FROM pg_locks l WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND ${thisDatabase}`,
      )) === 0,
    10,
    'PostgreSQL ending the killed session',
  );
  expect(await number(sql.fragment`SELECT count(*) FROM ingestion_batch WHERE status = 'VALIDATING'`)).toBe(1);
  expect(await number(sql.fragment`SELECT count(*) FROM position WHERE position_id LIKE 'CK-%'`)).toBe(0);

  // Generous: under CI's load (two suites and their servers on two cores) this 40,000-row ingest has taken over 60 s.
  const rerun = await runIprs(['ingest', 'positions', file, '--database-url', databaseUrl], {
    cwd: directory,
    timeout: 180_000,
  });
  expect(rerun.exitCode).toBe(0);
  expect(rerun.stdout).toMatch(new RegExp(`POSITION_UPLOAD COMPLETED: ${rows} rows read, ${rows} written, 0 errors`));
  expect(
    await number(
      sql.fragment`SELECT count(*) FROM ingestion_batch WHERE status = 'FAILED' AND validation_errors_json->0->>'reason' LIKE 'abandoned:%'`,
    ),
  ).toBe(1);
  expect(await number(sql.fragment`SELECT count(*) FROM ingestion_batch WHERE status = 'VALIDATING'`)).toBe(0);
  expect(
    await number(sql.fragment`SELECT count(DISTINCT position_id) FROM position WHERE position_id LIKE 'CK-%'`),
  ).toBe(rows);
  expect(await number(sql.fragment`SELECT count(*) FROM position WHERE position_id LIKE 'CK-%'`)).toBe(rows);
}, 300_000);
