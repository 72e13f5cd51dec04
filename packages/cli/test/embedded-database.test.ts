import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { expectRoot, idsOf, nodeForOtherUsers, runAs } from './os-users.js';
import { bin, runIprs } from './run-iprs.js';
import { serverAnswers } from '../src/project-database/server-answers.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const execFileAsync = promisify(execFile);

// Whatever happens, no server outlives the test file.
const stopServer = (cwd: string) => runIprs(['db', 'stop'], { cwd });

describe('iprs db start | url | stop', async () => {
  const cwd = await useTemporaryDirectory('cli-db-', stopServer);

  test('url before start exits 2 and says how to start it', async () => {
    const run = await runIprs(['db', 'url'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('iprs db start');
  });

  test('start prints DATABASE_URL, the server outlives the command, a second start reuses it, url prints it', async () => {
    const first = await runIprs(['db', 'start'], { cwd });
    expect(first.exitCode).toBe(0);
    const [, url] = /^DATABASE_URL=(postgres:\/\/\S+)\n$/.exec(first.stdout) ?? [];
    expect(url).toBeDefined();
    expect(existsSync(join(cwd, '.iprs', 'data', 'PG_VERSION'))).toBe(true);
    expect(await serverAnswers(url!)).toBe(true);

    const second = await runIprs(['db', 'start'], { cwd });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain('already running');

    const printed = await runIprs(['db', 'url'], { cwd });
    expect(printed).toMatchObject({ exitCode: 0, stdout: `${url}\n` });
  });

  test('.iprs/ ignores itself: git sees nothing to add in a repository whose .gitignore does not list it', async () => {
    expect(readFileSync(join(cwd, '.iprs', '.gitignore'), 'utf8')).toBe('*\n');
    await execFileAsync('git', ['init', '--quiet'], { cwd });
    const { stdout } = await execFileAsync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd });
    expect(stdout).toBe('');
  });

  test('migrate and status without a URL use the embedded server', async () => {
    const migrate = await runIprs(['migrate'], { cwd });
    expect(migrate.exitCode).toBe(0);
    expect(migrate.stdout).toContain('(embedded server under .iprs/)');
    const status = await runIprs(['status'], { cwd });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/\d+ applied, 0 pending, 0 modified, 0 unknown/);
  });

  test('stop stops it; a second stop and url say there is none; status starts it again with the data kept', async () => {
    const { stdout } = await runIprs(['db', 'url'], { cwd });
    const url = stdout.trim();
    expect(await runIprs(['db', 'stop'], { cwd })).toMatchObject({
      exitCode: 0,
      stderr: 'stopped embedded PostgreSQL\n',
    });
    expect(await serverAnswers(url)).toBe(false);
    expect(await runIprs(['db', 'stop'], { cwd })).toMatchObject({
      exitCode: 0,
      stderr: expect.stringContaining('no embedded'),
    });
    expect((await runIprs(['db', 'url'], { cwd })).exitCode).toBe(2);

    const status = await runIprs(['status'], { cwd });
    expect(status.exitCode).toBe(0);
    expect(status.stderr).toContain('started embedded PostgreSQL');
    expect(status.stdout).toMatch(/\d+ applied, 0 pending/);
    expect((await runIprs(['db', 'url'], { cwd })).stdout.trim()).toBe(url);
  });
});

const psql = process.env['PSQL'] ?? 'psql';
const stateFiles = ['server.json', 'password', 'postgres.log'];

/**
 * What another local user gets out of a project's `.iprs/`: nothing to list or read, no password in `ps`, and no
 * superuser login.
 */
async function expectKeptOut(intruder: string, cwd: string, url: string): Promise<void> {
  const listing = await runAs(intruder, 'ls', [join(cwd, '.iprs')]);
  expect(listing.exitCode).not.toBe(0);
  expect(listing.stderr).toMatch(/Permission denied/);
  for (const file of [...stateFiles, 'data/PG_VERSION']) {
    const read = await runAs(intruder, 'cat', [join(cwd, '.iprs', file)]);
    expect({ file, exitCode: read.exitCode, stdout: read.stdout }).toEqual({ file, exitCode: 1, stdout: '' });
    expect(read.stderr).toMatch(/Permission denied/);
  }
  // Nor in any process's arguments, which every user sees.
  const processes = await runAs(intruder, 'ps', ['-eo', 'args']);
  expect(processes.stdout).toContain('postgres');
  expect(processes.stdout).not.toContain(new URL(url).password);
  const defaultLogin = new URL(url);
  defaultLogin.password = 'postgres';
  const login = await runAs(intruder, psql, ['-X', '-w', '-d', defaultLogin.toString(), '-c', 'SELECT 1']);
  expect(login.exitCode).toBe(2);
  expect(login.stderr).toContain('password authentication failed for user "postgres"');
}

async function modeAndOwner(path: string): Promise<{ mode: string; uid: number; gid: number }> {
  const { mode, uid, gid } = await stat(path);
  return { mode: (mode & 0o777).toString(8), uid, gid };
}

function printedUrl(stdout: string): string {
  const [, url] = /^DATABASE_URL=(postgres:\/\/\S+)\n$/.exec(stdout) ?? [];
  expect(url).toBeDefined();
  return url!;
}

async function queryOnce(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded server is private', async () => {
  const rootsProject = await useTemporaryDirectory('cli-db-private-', stopServer);
  const legacyProject = await useTemporaryDirectory('cli-db-legacy-', stopServer);
  const [owner, intruder] = ['nobody', 'daemon'];
  const iprsAsOwner = (args: string[], cwd: string) => runAs(owner, join(cwd, 'node'), [bin, ...args], cwd);
  const usersProject = await useTemporaryDirectory('cli-db-private-user-', (cwd) => iprsAsOwner(['db', 'stop'], cwd));

  test('as root: .iprs/ is root:postgres 0710, its files 0600; nobody lists or reads them or logs in as postgres:postgres; the printed URL works', async () => {
    expectRoot();
    const run = await runIprs(['db', 'start'], { cwd: rootsProject });
    expect(run.exitCode).toBe(0);
    const url = printedUrl(run.stdout);
    expect(new URL(url).password).toMatch(/^[\w-]{32}$/);
    expect(await serverAnswers(url)).toBe(true);
    expect((await runIprs(['db', 'url'], { cwd: rootsProject })).stdout).toBe(`${url}\n`);

    // The server's OS user, created by the start when the machine had none.
    const postgresUser = await idsOf('postgres');
    const iprs = join(rootsProject, '.iprs');
    expect(await modeAndOwner(iprs)).toEqual({ mode: '710', uid: 0, gid: postgresUser.gid });
    expect(await modeAndOwner(join(iprs, 'server.json'))).toEqual({ mode: '600', uid: 0, gid: 0 });
    expect(await modeAndOwner(join(iprs, 'password'))).toEqual({ mode: '600', uid: 0, gid: 0 });
    expect(await modeAndOwner(join(iprs, 'postgres.log'))).toEqual({ mode: '600', ...postgresUser });
    expect(await modeAndOwner(join(iprs, 'data'))).toEqual({ mode: '700', ...postgresUser });
    expect(readFileSync(join(iprs, 'password'), 'utf8')).toBe(`${new URL(url).password}\n`);
    await expectKeptOut('nobody', rootsProject, url);
  });

  test('as an ordinary user (run through runuser): .iprs/ is 0700 and theirs, its files 0600; another user gets nothing, and iprs tells them whose it is; the printed URL works', async () => {
    expectRoot();
    const project = usersProject;
    const ownerIds = await idsOf(owner);
    await nodeForOtherUsers(project);
    await chown(project, ownerIds.uid, ownerIds.gid);

    const run = await iprsAsOwner(['db', 'start'], project);
    expect(run.exitCode, run.stderr).toBe(0);
    const url = printedUrl(run.stdout);
    expect((await runAs(owner, psql, ['-X', '-w', '-d', url, '-At', '-c', 'SELECT current_user'])).stdout).toBe(
      'postgres\n',
    );

    const iprs = join(project, '.iprs');
    expect(await modeAndOwner(iprs)).toEqual({ mode: '700', ...ownerIds });
    for (const file of stateFiles) expect(await modeAndOwner(join(iprs, file))).toEqual({ mode: '600', ...ownerIds });
    expect(await modeAndOwner(join(iprs, 'data'))).toEqual({ mode: '700', ...ownerIds });
    await expectKeptOut(intruder, project, url);

    for (const command of [['db', 'url'], ['db', 'start'], ['status']]) {
      const denied = await runAs(intruder, join(project, 'node'), [bin, ...command], project);
      expect({ command, exitCode: denied.exitCode, stdout: denied.stdout }).toEqual({
        command,
        exitCode: 2,
        stdout: '',
      });
      expect(denied.stderr).toContain(`${iprs} belongs to another user (uid ${ownerIds.uid})`);
    }
    expect((await iprsAsOwner(['db', 'url'], project)).stdout).toBe(`${url}\n`);
  });

  test('a .iprs/ from before (password postgres, no password file, files readable by all, server running) gets a random password and private modes on the next start, data kept', async () => {
    expectRoot();
    const cwd = legacyProject;
    const first = await runIprs(['db', 'start'], { cwd });
    const url = printedUrl(first.stdout);
    const legacyUrl = new URL(url);
    legacyUrl.password = 'postgres';
    await queryOnce(
      url,
      "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7); ALTER ROLE postgres PASSWORD 'postgres'",
    );
    const iprs = join(cwd, '.iprs');
    const state = JSON.parse(readFileSync(join(iprs, 'server.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(iprs, 'server.json'), JSON.stringify({ ...state, connectionString: legacyUrl.toString() }));
    await Promise.all([
      chmod(iprs, 0o755),
      chmod(join(iprs, 'server.json'), 0o644),
      chmod(join(iprs, 'postgres.log'), 0o644),
      rm(join(iprs, 'password')),
    ]);
    expect(await serverAnswers(legacyUrl.toString())).toBe(true);

    const migrated = await runIprs(['db', 'start'], { cwd });
    expect(migrated.exitCode, migrated.stderr).toBe(0);
    const newUrl = printedUrl(migrated.stdout);
    expect(new URL(newUrl).password).toMatch(/^[\w-]{32}$/);
    expect(newUrl).not.toBe(url);
    expect(await serverAnswers(legacyUrl.toString())).toBe(false);
    expect(await queryOnce(newUrl, 'SELECT id FROM kept')).toEqual([{ id: 7 }]);
    expect((await runIprs(['db', 'url'], { cwd })).stdout).toBe(`${newUrl}\n`);
    expect((await modeAndOwner(iprs)).mode).toBe('710');
    for (const file of stateFiles) expect((await modeAndOwner(join(iprs, file))).mode).toBe('600');
    await expectKeptOut('nobody', cwd, newUrl);
  });
});

describe('kill -9 of the embedded server', async () => {
  const cwd = await useTemporaryDirectory('cli-db-kill-', stopServer);

  test('the next `iprs db start` recovers it: same URL, a new postmaster, committed data intact', async () => {
    const first = await runIprs(['db', 'start'], { cwd });
    expect(first.exitCode, first.stderr).toBe(0);
    const url = printedUrl(first.stdout);
    await queryOnce(url, 'CREATE TABLE kept (id int); INSERT INTO kept SELECT generate_series(1, 1000)');
    const { pid } = JSON.parse(readFileSync(join(cwd, '.iprs', 'server.json'), 'utf8')) as { pid: number };

    process.kill(pid, 'SIGKILL');
    expect(await serverAnswers(url)).toBe(false);

    const second = await runIprs(['db', 'start'], { cwd });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toContain('started embedded PostgreSQL');
    expect(printedUrl(second.stdout)).toBe(url);
    const restarted = JSON.parse(readFileSync(join(cwd, '.iprs', 'server.json'), 'utf8')) as { pid: number };
    expect(restarted.pid).not.toBe(pid);
    expect(await queryOnce(url, 'SELECT count(*)::int AS rows, sum(id)::int AS total FROM kept')).toEqual([
      { rows: 1000, total: 500_500 },
    ]);
    expect(readFileSync(join(cwd, '.iprs', 'postgres.log'), 'utf8')).toMatch(
      /not properly shut down; automatic recovery in progress/,
    );
  });
});
