import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyGrants, GrantsFailedError, iprsRoles } from '@iprs/schema';
import { createNode, createPool, PermissionDeniedError, rollupSubtree } from '@iprs/sdk';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { asSuperuser, useLoginRole } from './login-role.js';
import { runIprs } from './run-iprs.js';
import { fxSpotMarketData, twoLoansCsv } from './sample-inputs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const marketData = fxSpotMarketData;
const loans = twoLoansCsv('FUND');

/**
 * The recommended setup, after a first `iprs grants` as a superuser created the roles: `iprs migrate` as a login role
 * acting as iprs_migrator (so iprs_migrator owns the tables), then `iprs grants` again.
 */
async function migrateAsMigrator(cwd: string, databaseUrl: string, migratorUrl: string): Promise<void> {
  const asMigrator = new URL(migratorUrl);
  asMigrator.searchParams.set('options', `-c role=${iprsRoles.migrator}`);
  const migrated = await runIprs(['migrate', '--database-url', asMigrator.toString()], { cwd });
  expect(migrated.stderr).toBe('');
  expect(migrated.exitCode).toBe(0);
  const again = await runIprs(['grants', '--database-url', databaseUrl], { cwd });
  expect(again.stdout).toContain('grants applied on schema public');
  expect(again.exitCode).toBe(0);
}

/** Runs `sql` as `url`'s role and resolves to the SQLSTATE it failed with (undefined when it succeeded). */
async function sqlState(url: string, sql: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await client.end();
  }
}

describe('least-privilege roles', async () => {
  const databaseUrl = await useEmptyDatabase();
  const cwd = await useTemporaryDirectory('cli-grants-', async () => undefined);
  const first = await runIprs(['grants', '--database-url', databaseUrl], { cwd });
  // oxlint-disable-next-line vitest/no-standalone-expect -- the roles the tests log in as exist only if this run worked
  expect(first.exitCode).toBe(0);
  const migratorUrl = await useLoginRole(databaseUrl, iprsRoles.migrator);
  const writerUrl = await useLoginRole(databaseUrl, iprsRoles.writer);
  const readerUrl = await useLoginRole(databaseUrl, iprsRoles.reader);
  await writeFile(join(cwd, 'market-data.json'), JSON.stringify(marketData));
  await writeFile(join(cwd, 'loans.csv'), loans);
  await migrateAsMigrator(cwd, databaseUrl, migratorUrl);

  test('the migrator owns every table it migrated, and verify --grants passes (exit 0)', async () => {
    const run = await runIprs(['verify', '--grants', '--no-probes', '--database-url', databaseUrl], { cwd });
    expect(run.stdout).toMatch(/Grants \((\d+)\/\1 passed\)/);
    expect(run.exitCode).toBe(0);
  });

  test('a writer ingests with iprs ingest and writes with the SDK', async () => {
    const pool = await createPool({ connectionString: writerUrl });
    try {
      await createNode(pool, { portfolio_node_id: 'FUND', name: 'Test fund', node_type: 'FUND' });
    } finally {
      await pool.close();
    }
    const fx = await runIprs(['ingest', 'market-data', 'market-data.json', '--database-url', writerUrl], { cwd });
    expect(fx.stdout).toMatch(/MARKET_DATA COMPLETED: 1 rows read, 1 written, 0 errors/);
    expect(fx.exitCode).toBe(0);
    const loaded = await runIprs(['ingest', 'loans', 'loans.csv', '--database-url', writerUrl], { cwd });
    expect(loaded.stdout).toMatch(/LOAN_SERVICING COMPLETED: 2 rows read, 2 written, 0 errors/);
    expect(loaded.exitCode).toBe(0);
  });

  test.each([
    ['ALTER TABLE', 'ALTER TABLE position ADD COLUMN note text'],
    ['DROP TABLE', 'DROP TABLE fx_spot'],
    ['CREATE TABLE', 'CREATE TABLE scratch (id int)'],
    ['CREATE INDEX', 'CREATE INDEX position_quantity_idx ON position (quantity)'],
    ['TRUNCATE', 'TRUNCATE data_lineage'],
    ['write the migration ledger', "DELETE FROM iprs_schema_migrations WHERE version = '001'"],
  ])('a writer cannot %s (42501 insufficient_privilege)', async (_what, sql) => {
    expect(await sqlState(writerUrl, sql)).toBe('42501');
  });

  test('a reader runs rollups with the SDK but cannot write: PermissionDeniedError', async () => {
    const pool = await createPool({ connectionString: readerUrl });
    try {
      const rollup = await rollupSubtree(pool, {
        portfolio_node_id: 'FUND',
        reporting_ccy: 'USD',
        fx_snapshot_id: 'FX-T',
      });
      expect(rollup.nodes[0]?.subtree.total).toBe('1125');
      expect(rollup.nodes[0]?.subtree.positionCount).toBe(2);
      await expect(
        createNode(pool, { portfolio_node_id: 'OTHER', name: 'Other fund', node_type: 'FUND' }),
      ).rejects.toBeInstanceOf(PermissionDeniedError);
    } finally {
      await pool.close();
    }
    expect(await sqlState(readerUrl, "UPDATE portfolio_node SET name = 'x'")).toBe('42501');
    expect(await sqlState(readerUrl, 'DROP TABLE fx_spot')).toBe('42501');
  });

  test('a reader runs iprs verify --no-probes (exit 0)', async () => {
    const run = await runIprs(['verify', '--no-probes', '--database-url', readerUrl], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^conforms to release \d+/m);
    expect(run.exitCode).toBe(0);
  });

  test('a writer runs iprs verify with its probes (rows inserted and deleted in a rolled-back transaction): exit 0', async () => {
    const run = await runIprs(['verify', '--database-url', writerUrl], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^conforms to release \d+/m);
    expect(run.exitCode).toBe(0);
  });

  test('verify --grants fails (exit 1) on an extra and on a missing privilege, and iprs grants repairs both', async () => {
    await asSuperuser(
      databaseUrl,
      `GRANT TRUNCATE ON position TO ${iprsRoles.writer}; REVOKE SELECT ON fx_spot FROM ${iprsRoles.reader}`,
    );
    const broken = await runIprs(
      ['verify', '--grants', '--no-probes', '--format', 'json', '--database-url', databaseUrl],
      { cwd },
    );
    expect(broken.exitCode).toBe(1);
    const report = JSON.parse(broken.stdout) as {
      checks: { id: string; status: string; findings: { message: string }[] }[];
    };
    const failed = report.checks.filter((check) => check.status === 'failed');
    expect(failed.map((check) => check.id).sort()).toEqual([
      `grants/table/fx_spot/${iprsRoles.reader}`,
      `grants/table/position/${iprsRoles.writer}`,
    ]);
    expect(failed.flatMap((check) => check.findings.map((finding) => finding.message)).sort()).toEqual([
      `${iprsRoles.reader} lacks SELECT on table fx_spot`,
      `${iprsRoles.writer} has TRUNCATE on table position, beyond its role (granted to it, to PUBLIC or to a role it belongs to)`,
    ]);

    expect((await runIprs(['grants', '--database-url', databaseUrl], { cwd })).exitCode).toBe(0);
    expect(
      (await runIprs(['verify', '--grants', '--no-probes', '--database-url', databaseUrl], { cwd })).exitCode,
    ).toBe(0);
  });
});

describe('iprs grants refusals', async () => {
  const databaseUrl = await useEmptyDatabase();
  const cwd = await useTemporaryDirectory('cli-grants-refusals-', async () => undefined);
  await applyGrants(databaseUrl);
  const readerUrl = await useLoginRole(databaseUrl, iprsRoles.reader);

  test('a schema that does not exist: exit 1 naming it, and applyGrants throws GrantsFailedError', async () => {
    const run = await runIprs(['grants', '--schema', 'no_such_schema', '--database-url', databaseUrl], { cwd });
    expect(run.stderr).toMatch(
      /^iprs: Cannot apply the iprs role grants on schema no_such_schema: the schema does not exist/m,
    );
    expect(run.exitCode).toBe(1);
    await expect(applyGrants(databaseUrl, { schema: 'no_such_schema' })).rejects.toBeInstanceOf(GrantsFailedError);
  });

  test('a role without CREATEROLE or ownership: exit 1 and nothing changed', async () => {
    await asSuperuser(databaseUrl, 'CREATE SCHEMA untouched');
    const run = await runIprs(['grants', '--schema', 'untouched', '--database-url', readerUrl], { cwd });
    expect(run.stderr).toMatch(
      /^iprs: Cannot apply the iprs role grants on schema untouched: .*Nothing was changed\.$/m,
    );
    expect(run.exitCode).toBe(1);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT nspacl FROM pg_namespace WHERE nspname = 'untouched'");
      expect(rows[0]?.nspacl).toBeNull();
    } finally {
      await client.end();
    }
  });

  test('unreachable server: exit 2', async () => {
    const run = await runIprs(['grants', '--database-url', 'postgres://postgres:secret@127.0.0.1:1/postgres'], { cwd });
    expect(run.stderr).toMatch(
      /^iprs: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres: connection refused\./m,
    );
    expect(run.exitCode).toBe(2);
  });
});
