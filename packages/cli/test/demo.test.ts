import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '@iprs/schema';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { runIprs, type IprsRun } from './run-iprs.js';
import { serverAnswers } from '../src/project-database/server-answers.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const stopServer = (cwd: string) => runIprs(['db', 'stop'], { cwd });

/** What every demo run shows, first or not: the bad file's errors, verify, both rollups and the FX lineage. */
function expectDemoReport(run: IprsRun): void {
  expect(run.stdout).toMatch(/^\s+4\s+portfolio_node_id\s+portfolio node "FUND-DOES-NOT-EXIST" does not exist$/m);
  expect(run.stdout).toMatch(/^\s+3\s+quantity\s+"1\.000\.000" must be a decimal number/m);
  expect(run.stdout).toMatch(/conforms to release \d+: \d+ checks, \d+ passed, \d+ warned, 0 failed/);
  expect(run.stdout).toContain('Rollup in USD (FX snapshot FX-2026-01-15, in force on 2026-01-15)');
  expect(run.stdout).toMatch(/^Private Debt Fund\s+FUND\s+1,224\s+4,102,167,617\.50$/m);
  expect(run.stdout).toContain('Rollup in EUR (FX snapshot FX-2026-01-15, in force on 2026-01-15)');
  expect(run.stdout).toMatch(/^Private Debt Fund\s+FUND\s+1,224\s+3,773,472,572\.24$/m);
  expect(run.stdout).toMatch(/^feed \S+: FX_SPOT as of 2026-01-15 from wmr-fix, validation PASS$/m);
  expect(run.stdout).toContain('validate:FX_SPOT → store:market_data_feed → populate:fx_spot');
}

/** After migrating, the demo prints `iprs status`: every shipped migration applied, right after the migrate lines. */
function expectMigrationStatus(run: IprsRun): void {
  const status = run.stdout.slice(run.stdout.indexOf('== Migration status'), run.stdout.indexOf('== Reference data'));
  expect(status).toMatch(/^version\s+name\s+state\s+applied at\s+ms$/m);
  for (const migration of migrations) {
    expect(status).toMatch(new RegExp(`^${migration.version}\\s+${migration.name}\\s+applied\\s`, 'm'));
  }
  expect(status).toContain(`${migrations.length} applied, 0 pending, 0 modified, 0 unknown`);
}

/** The URL the last line tells the person to connect with. */
function lastLineUrl(run: IprsRun): string | undefined {
  const lastLine = run.stdout.trimEnd().split('\n').at(-1) ?? '';
  expect(lastLine).toContain('`pnpm iprs db stop` stops it');
  return /DATABASE_URL=(postgres:\/\/\S+)/.exec(lastLine)?.[1];
}

describe('iprs demo on a fresh directory (the embedded default)', async () => {
  const cwd = await useTemporaryDirectory('cli-demo-', stopServer);

  test('starts the server, migrates, prints the status, ingests the sample, reports the bad file, verifies, prints rollups and lineage, all in under 30 s; the server keeps running', async () => {
    const startedAt = performance.now();
    const run = await runIprs(['demo'], { cwd });
    const elapsedMs = performance.now() - startedAt;
    expect(run.stderr).toContain('started embedded PostgreSQL under .iprs/');
    expect(run.exitCode).toBe(0);
    expect(elapsedMs).toBeLessThan(30_000);
    expect(run.stdout).toMatch(/^\d+ migration\(s\) applied, 0 already applied before$/m);
    expectMigrationStatus(run);
    expect(run.stdout).toMatch(/POSITION_UPLOAD COMPLETED: 3036 rows read, 3036 written, 0 errors/);
    expect(run.stdout).toMatch(/LOAN_SERVICING COMPLETED: 240 rows read, 240 written, 0 errors/);
    expect(run.stdout).toMatch(/POSITION_UPLOAD FAILED: 7 rows read, 0 written, 7 errors/);
    expect(run.stdout).toContain('Nothing was written: fix the rows above');
    expectDemoReport(run);
    const url = lastLineUrl(run);
    expect(url).toBeDefined();
    expect(existsSync(join(cwd, '.iprs', 'data', 'PG_VERSION'))).toBe(true);
    expect(await serverAnswers(url!)).toBe(true);
  });

  test('a second run is safe: nothing to migrate, every file already ingested, the same report', async () => {
    const first = (await runIprs(['db', 'url'], { cwd })).stdout.trim();
    const run = await runIprs(['demo'], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toContain('started embedded PostgreSQL');
    expect(run.stdout).toMatch(/nothing to apply: \d+ migration\(s\) already applied/);
    expectMigrationStatus(run);
    expect(run.stdout).toContain('created 0 issuers, 0 portfolio nodes, 0 instruments');
    expect(run.stdout.match(/already ingested/g)).toHaveLength(4);
    expect(run.stdout).toContain('(FAILED, 7 rows,');
    expectDemoReport(run);
    expect(lastLineUrl(run)).toBe(first);
  });
});

describe('iprs demo with DATABASE_URL', async () => {
  const databaseUrl = await useEmptyDatabase();
  const cwd = await useTemporaryDirectory('cli-demo-env-', stopServer);

  test('migrates and fills that database, starts no embedded server, and says where the data is', async () => {
    const run = await runIprs(['demo'], { cwd, env: { DATABASE_URL: databaseUrl } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('(from DATABASE_URL)');
    expectDemoReport(run);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^The demo data is in postgres:\/\/\S+ \(from DATABASE_URL\)\.$/,
    );
    expect(existsSync(join(cwd, '.iprs'))).toBe(false);
  });
});
