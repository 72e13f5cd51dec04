import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrate, newestSchemaRelease } from '@iprs/schema';
import { createNode, createPool } from '@iprs/sdk';
import { useEmptyDatabase, useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { fxSpotMarketData, twoLoansCsv } from './sample-inputs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const stopServer = (cwd: string) => runIprs(['db', 'stop'], { cwd });

const marketData = fxSpotMarketData;
const loans = twoLoansCsv('FUND/DESK');

/** The input files in `cwd`, and the two portfolio nodes the loans sit on in the database. */
async function prepare(cwd: string, databaseUrl: string): Promise<void> {
  await writeFile(join(cwd, 'market-data.json'), JSON.stringify(marketData));
  await writeFile(join(cwd, 'loans.csv'), loans);
  const pool = await createPool({ connectionString: databaseUrl });
  try {
    await createNode(pool, { portfolio_node_id: 'FUND', name: 'Test fund', node_type: 'FUND' });
    await createNode(pool, { portfolio_node_id: 'FUND/DESK', parent_id: 'FUND', name: 'Test desk', node_type: 'DESK' });
  } finally {
    await pool.close();
  }
}

/** ingest market-data and loans, lineage of the loans batch, rollup in USD and EUR: all on whatever database env and cwd lead to. */
async function expectDataCommandsWork(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const fx = await runIprs(['ingest', 'market-data', 'market-data.json'], { cwd, env });
  expect(fx.stdout).toMatch(/MARKET_DATA COMPLETED: 1 rows read, 1 written, 0 errors/);
  expect(fx.exitCode).toBe(0);

  const loaded = await runIprs(['ingest', 'loans', 'loans.csv'], { cwd, env });
  expect(loaded.stdout).toMatch(/LOAN_SERVICING COMPLETED: 2 rows read, 2 written, 0 errors/);
  expect(loaded.exitCode).toBe(0);
  const batchId = /batch (\S+) LOAN_SERVICING/.exec(loaded.stdout)?.[1];

  const again = await runIprs(['ingest', 'loans', 'loans.csv'], { cwd, env });
  expect(again.exitCode).toBe(0);
  expect(again.stdout).toContain(`already ingested`);

  const lineage = await runIprs(['lineage', batchId ?? 'no batch id printed'], { cwd, env });
  expect(lineage.exitCode).toBe(0);
  expect(lineage.stdout).toContain(`batch ${batchId}: LOAN_SERVICING COMPLETED, 2 rows from loans.csv`);
  expect(lineage.stdout).toContain('upsert:instrument → upsert:position');

  const usd = await runIprs(['rollup', 'FUND'], { cwd, env });
  expect(usd.exitCode).toBe(0);
  expect(usd.stdout).toContain('Rollup in USD (FX snapshot FX-T)');
  expect(usd.stdout).toMatch(/Test fund\s+FUND\s+2\s+1,125\.00/);
  const eur = await runIprs(['rollup', 'FUND', '--ccy', 'EUR'], { cwd, env });
  expect(eur.exitCode).toBe(0);
  expect(eur.stdout).toMatch(/Test fund\s+FUND\s+2\s+900\.00/);
  expect(eur.stdout).toMatch(/└ Test desk\s+DESK\s+1\s+100\.00/);
}

describe('ingest, lineage and rollup with DATABASE_URL', async () => {
  const databaseUrl = await useMigratedDatabase();
  const cwd = await useTemporaryDirectory('cli-data-env-', stopServer);

  test('work on that database and start no embedded server', async () => {
    await prepare(cwd, databaseUrl);
    await expectDataCommandsWork(cwd, { DATABASE_URL: databaseUrl });
    expect(existsSync(join(cwd, '.iprs'))).toBe(false);
  });
});

describe('ingest, lineage and rollup without a URL: the embedded server under .iprs/', async () => {
  const cwd = await useTemporaryDirectory('cli-data-embedded-', stopServer);

  test('on a fresh directory, ingest starts the server and, finding no schema, says to run iprs migrate (exit 2)', async () => {
    await writeFile(join(cwd, 'loans.csv'), loans);
    const run = await runIprs(['ingest', 'loans', 'loans.csv'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('started embedded PostgreSQL under .iprs/');
    expect(run.stderr).toMatch(
      /^iprs: the database has no iprs schema yet \(no migration ledger \w+\): run `iprs migrate` first$/m,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('after iprs migrate, they all work on it', async () => {
    expect((await runIprs(['migrate'], { cwd })).exitCode).toBe(0);
    const url = (await runIprs(['db', 'url'], { cwd })).stdout.trim();
    await prepare(cwd, url);
    await expectDataCommandsWork(cwd);
  });
});

describe('data command errors exit 2 with one line (1 for a failed check)', async () => {
  const emptyUrl = await useEmptyDatabase();
  const migratedUrl = await useMigratedDatabase();
  const olderUrls = [await useEmptyDatabase(), await useEmptyDatabase(), await useEmptyDatabase()];
  const useEmptyDatabaseAtRelease = async (release: string) => {
    const url = olderUrls.pop();
    if (!url) throw new Error('no empty database left for this test');
    await migrate(url, { to: release });
    return url;
  };
  const cwd = await useTemporaryDirectory('cli-data-errors-', stopServer);
  await writeFile(join(cwd, 'loans.csv'), loans);
  const unreachable = 'postgres://postgres:secret@127.0.0.1:1/postgres';

  test.each([
    ['ingest', 'loans', 'loans.csv'],
    ['lineage', 'some-feed'],
    ['rollup', 'FUND'],
  ])('%s on a refused connection names host:port and the way out, never the password', async (...command) => {
    const run = await runIprs([...command, '--database-url', unreachable], { cwd });
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^iprs: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres: connection refused\. Check --database-url/,
    );
    expect(run.stdout + run.stderr).not.toContain('secret');
  });

  test('a DATABASE_URL that is not a URL', async () => {
    const run = await runIprs(['rollup', 'FUND'], { cwd, env: { DATABASE_URL: 'nonsense' } });
    expect(run).toMatchObject({
      exitCode: 2,
      stderr:
        'iprs: DATABASE_URL "nonsense" is not a PostgreSQL URL (expected postgres://user:password@host:port/database, ' +
        'or postgres:///database?host=/socket/directory for a Unix socket)\n',
    });
  });

  test('a database without the schema: run iprs migrate with the same URL', async () => {
    const run = await runIprs(['lineage', 'some-feed', '--database-url', emptyUrl], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'iprs: the database has no iprs schema yet (no migration ledger iprs_schema_migrations): run `iprs migrate --database-url …` with the same URL first',
    ]);
  });

  test.each([
    ['ingest', 'loans', 'loans.csv'],
    ['lineage', 'some-feed'],
    ['rollup', 'FUND'],
  ])(
    '%s on a database at an older schema release names both releases and the migrate --to command',
    async (...command) => {
      const olderUrl = await useEmptyDatabaseAtRelease('002');
      const run = await runIprs([...command, '--database-url', olderUrl], { cwd });
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        `iprs: the database has schema release 002, this iprs needs release ${newestSchemaRelease}: run \`iprs migrate --to ${newestSchemaRelease} --database-url …\` with the same URL first`,
      ]);
    },
  );

  test('a file that cannot be read, and a currency that is not one', async () => {
    const missing = await runIprs(['ingest', 'positions', 'no-such.csv', '--database-url', migratedUrl], { cwd });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^iprs: .*cannot read no-such\.csv: ENOENT/),
    ]);
    const currency = await runIprs(
      ['rollup', 'FUND', '--ccy', 'DOLLARS', '--snapshot', 'FX-T', '--database-url', migratedUrl],
      { cwd },
    );
    expect(currency.exitCode).toBe(2);
    expect(currency.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a loans file with bad rows exits 1 and lists them', async () => {
    const run = await runIprs(['ingest', 'loans', 'loans.csv', '--database-url', migratedUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/LOAN_SERVICING FAILED: 2 rows read, 0 written, 2 errors/);
    expect(run.stdout).toMatch(/2\s+portfolio_node_id\s+portfolio node "FUND" does not exist/);
  });

  test('--verbose adds the stack trace to a connection error', async () => {
    const run = await runIprs(['rollup', 'FUND', '--database-url', unreachable, '--verbose'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});
