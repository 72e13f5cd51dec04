import { LEDGER_TABLE, migrations } from '@iprs/schema';
import { useEmptyDatabase, useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';

const cwd = process.cwd();
const versions = migrations.map((migration) => `${migration.version}_${migration.name}`);

describe('on an empty database', async () => {
  const databaseUrl = await useEmptyDatabase();

  test('status lists every migration as pending and exits 0', async () => {
    const run = await runIprs(['status', '--database-url', databaseUrl], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`0 applied, ${migrations.length} pending, 0 modified, 0 unknown`);
  });

  test('migrate applies all migrations, a second migrate has nothing to do, status shows them applied', async () => {
    const first = await runIprs(['migrate', '--database-url', databaseUrl], { cwd });
    expect(first.exitCode).toBe(0);
    for (const version of versions) expect(first.stdout).toContain(`applied ${version} (`);

    const second = await runIprs(['migrate', '--database-url', databaseUrl], { cwd });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain(`nothing to apply: ${migrations.length} migration(s) already applied`);

    const status = await runIprs(['status', '--database-url', databaseUrl], { cwd });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain(`${migrations.length} applied, 0 pending, 0 modified, 0 unknown`);
  });
});

describe('on a database whose applied migration was edited', async () => {
  const databaseUrl = await useMigratedDatabase();
  const client = new pg.Client(databaseUrl);
  await client.connect();
  await client.query(`UPDATE ${LEDGER_TABLE} SET checksum = repeat('0', 64) WHERE version = $1`, [migrations[0]?.version]);
  await client.end();

  test('status reports it as modified and exits 1', async () => {
    const run = await runIprs(['status'], { cwd, env: { DATABASE_URL: databaseUrl } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`${migrations[0]?.version}\\s+\\S+\\s+modified`));
    expect(run.stdout).toContain('(from DATABASE_URL)');
    expect(run.stderr).toContain(`${migrations[0]?.filename} was edited after it was applied`);
  });

  test('migrate refuses, names the file and both checksums, and exits 1 without a stack trace', async () => {
    const run = await runIprs(['migrate', '--database-url', databaseUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${migrations[0]?.filename} was applied with checksum ${'0'.repeat(64)}`);
    expect(run.stderr).toContain(migrations[0]?.checksum);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('--verbose adds the stack trace', async () => {
    const run = await runIprs(['migrate', '--database-url', databaseUrl, '--verbose'], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});

describe('usage and connection errors exit 2 with one line', () => {
  test('a --database-url that is not a URL', async () => {
    const run = await runIprs(['migrate', '--database-url', 'not-a-url'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'iprs: --database-url "not-a-url" is not a PostgreSQL URL (expected postgres://user:password@host:port/database)',
    ]);
  });

  test('a refused connection names host:port and how to use the embedded server', async () => {
    const run = await runIprs(['status', '--database-url', 'postgres://postgres:secret@127.0.0.1:1/postgres'], { cwd });
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^iprs: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres: connection refused\. .*iprs db start/);
    expect(run.stdout + run.stderr).not.toContain('secret');
  });

  test('an unknown option', async () => {
    const run = await runIprs(['migrate', '--no-such-option'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
  });
});
