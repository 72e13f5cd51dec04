import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { serverAnswers } from './server-answers.js';
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
    expect(await runIprs(['db', 'stop'], { cwd })).toMatchObject({ exitCode: 0, stderr: 'stopped embedded PostgreSQL\n' });
    expect(await serverAnswers(url)).toBe(false);
    expect(await runIprs(['db', 'stop'], { cwd })).toMatchObject({ exitCode: 0, stderr: expect.stringContaining('no embedded') });
    expect((await runIprs(['db', 'url'], { cwd })).exitCode).toBe(2);

    const status = await runIprs(['status'], { cwd });
    expect(status.exitCode).toBe(0);
    expect(status.stderr).toContain('started embedded PostgreSQL');
    expect(status.stdout).toMatch(/\d+ applied, 0 pending/);
    expect((await runIprs(['db', 'url'], { cwd })).stdout.trim()).toBe(url);
  });
});
