import { readFileSync } from 'node:fs';
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
  await client.query(`UPDATE ${LEDGER_TABLE} SET checksum = repeat('0', 64) WHERE version = $1`, [
    migrations[0]?.version,
  ]);
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
      'iprs: --database-url "not-a-url" is not a PostgreSQL URL (expected postgres://user:password@host:port/database, ' +
        'or postgres:///database?host=/socket/directory for a Unix socket)',
    ]);
  });

  test('a refused connection names host:port and how to use the embedded server', async () => {
    const run = await runIprs(['status', '--database-url', 'postgres://postgres:secret@127.0.0.1:1/postgres'], { cwd });
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^iprs: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/postgres: connection refused\. .*iprs db start/,
    );
    expect(run.stdout + run.stderr).not.toContain('secret');
  });

  test.each([
    [
      'postgres:///db?host=/tmp&sslmode=sometimes',
      'sslmode=sometimes is not one of disable, allow, prefer, require, verify-ca, verify-full, no-verify',
    ],
    ['postgres:///db?host=/tmp&port=fifty', 'port=fifty is not a port number'],
    ['postgres://h/db?connect_timeout=soon', 'connect_timeout=soon is not a number of seconds'],
  ])('a URL with a bad libpq parameter names it: %s', async (url, problem) => {
    const run = await runIprs(['status', '--database-url', url], { cwd });
    expect(run).toMatchObject({ exitCode: 2, stdout: '' });
    expect(run.stderr).toBe(`iprs: --database-url "${url}": ${problem}\n`);
  });

  test.each([
    ['postgres://postgres:s3cret@127.0.0.1:1/postgres', '127.0.0.1:1/postgres'],
    ['postgres://127.0.0.1:1/postgres?password=s3cret', '127.0.0.1:1/postgres'],
    ['postgres://postgres:s3cret@/postgres?host=127.0.0.1&port=1', '127.0.0.1:1/postgres'],
    ['postgres:///postgres?host=/nonexistent/socket/dir&password=s3cret', '/nonexistent/socket/dir:5432/postgres'],
  ])('an unreachable %s: names where it tried, never the password', async (url, where) => {
    const run = await runIprs(['status', '--database-url', url], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`cannot connect to PostgreSQL at ${where}: `);
    expect(run.stdout + run.stderr).not.toContain('s3cret');
  });

  test('an unknown option', async () => {
    const run = await runIprs(['migrate', '--no-such-option'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
  });
});

describe('status --format json and --check, the deploy gate', async () => {
  const emptyUrl = await useEmptyDatabase();
  const partlyUrl = await useEmptyDatabase();
  const currentUrl = await useMigratedDatabase();
  const editedUrl = await useMigratedDatabase();
  const unknownUrl = await useMigratedDatabase();
  const first = migrations[0]!;
  const newest = migrations.at(-1)!;
  await runIprs(['migrate', '--to', first.version, '--database-url', partlyUrl], { cwd });
  const client = new pg.Client(editedUrl);
  await client.connect();
  await client.query(`UPDATE ${LEDGER_TABLE} SET checksum = repeat('0', 64) WHERE version = $1`, [first.version]);
  await client.end();
  const unknownClient = new pg.Client(unknownUrl);
  await unknownClient.connect();
  await unknownClient.query(
    `INSERT INTO ${LEDGER_TABLE} (version, name, checksum, execution_ms) SELECT '999', 'from_the_future', repeat('9', 64), 1`,
  );
  await unknownClient.end();

  test('json on an up-to-date database: every migration applied with checksums and times, exit 0 with --check', async () => {
    const run = await runIprs(['status', '--format', 'json', '--check', '--database-url', currentUrl], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      formatVersion: 1,
      database: { source: '--database-url' },
      newestRelease: newest.version,
      upToDate: true,
      summary: { total: migrations.length, applied: migrations.length, pending: 0, modified: 0, unknown: 0 },
    });
    expect(Object.keys(report.migrations[0]).sort()).toEqual(
      ['appliedAt', 'appliedChecksum', 'checksum', 'executionMs', 'name', 'state', 'version'].sort(),
    );
    for (const [index, migration] of migrations.entries()) {
      const entry = report.migrations[index];
      expect(entry).toMatchObject({
        version: migration.version,
        name: migration.name,
        state: 'applied',
        checksum: migration.checksum,
      });
      expect(entry.appliedChecksum).toBe(migration.checksum);
      expect(new Date(entry.appliedAt).toISOString()).toBe(entry.appliedAt);
      expect(typeof entry.executionMs).toBe('number');
    }
  });

  test('--check exits 1 with pending migrations, naming them; without --check pending is fine', async () => {
    const gate = await runIprs(['status', '--check', '--database-url', partlyUrl], { cwd });
    expect(gate.exitCode).toBe(1);
    expect(gate.stdout).toContain(`1 applied, ${migrations.length - 1} pending, 0 modified, 0 unknown`);
    expect(gate.stderr).toContain(
      `not up to date: ${migrations.length - 1} migration(s) pending (${migrations[1]?.filename}`,
    );
    expect(gate.stderr).toContain('run `iprs migrate`');
    expect((await runIprs(['status', '--database-url', partlyUrl], { cwd })).exitCode).toBe(0);

    const json = await runIprs(['status', '--check', '--format', 'json', '--database-url', partlyUrl], { cwd });
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.upToDate).toBe(false);
    expect(report.summary).toEqual({
      total: migrations.length,
      applied: 1,
      pending: migrations.length - 1,
      modified: 0,
      unknown: 0,
    });
    expect(report.migrations[1]).toEqual({
      version: migrations[1]?.version,
      name: migrations[1]?.name,
      state: 'pending',
      checksum: migrations[1]?.checksum,
      appliedChecksum: null,
      appliedAt: null,
      executionMs: null,
    });
  });

  test('--check exits 1 on a database with nothing applied', async () => {
    const run = await runIprs(['status', '--check', '--format', 'json', '--database-url', emptyUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ applied: 0, pending: migrations.length });
  });

  test('a modified migration: state modified with both checksums, exit 1 with and without --check', async () => {
    for (const args of [[], ['--check']]) {
      const run = await runIprs(['status', '--format', 'json', ...args, '--database-url', editedUrl], { cwd });
      expect(run.exitCode).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.upToDate).toBe(false);
      expect(report.summary.modified).toBe(1);
      expect(report.migrations[0]).toMatchObject({
        state: 'modified',
        checksum: first.checksum,
        appliedChecksum: '0'.repeat(64),
      });
      expect(run.stderr).toContain(`${first.filename} was edited after it was applied`);
    }
  });

  test('an unknown migration: state unknown with no shipped checksum, exit 1', async () => {
    const run = await runIprs(['status', '--check', '--format', 'json', '--database-url', unknownUrl], { cwd });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ applied: migrations.length, unknown: 1, total: migrations.length + 1 });
    expect(report.migrations.at(-1)).toMatchObject({
      version: '999',
      name: 'from_the_future',
      state: 'unknown',
      checksum: null,
    });
  });

  test('--check exits 2 when it cannot run: refused connection, bad URL, unknown format', async () => {
    const refused = await runIprs(['status', '--check', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres'], {
      cwd,
    });
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect((await runIprs(['status', '--check', '--database-url', 'mysql://x@y/z'], { cwd })).exitCode).toBe(2);
    const format = await runIprs(['status', '--format', 'yaml', '--database-url', currentUrl], { cwd });
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain('Allowed choices are text, json');
  });

  test('the JSON never shows the password', async () => {
    const url = new URL(currentUrl);
    url.password = 'hunter2';
    const run = await runIprs(['status', '--format', 'json', '--database-url', url.toString()], { cwd });
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });
});

describe('iprs --version', () => {
  test.each([['--version'], ['-V']])('%s prints the CLI version and the newest schema release', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const run = await runIprs([flag], { cwd });
    expect(run).toMatchObject({
      exitCode: 0,
      stdout: `iprs ${version} (schema release ${migrations.at(-1)?.version})\n`,
      stderr: '',
    });
  });
});
