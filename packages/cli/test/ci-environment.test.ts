import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrations } from '@iprs/schema';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, test } from 'vitest';
import { runningInCi } from '../src/ci-environment.js';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const stopServer = (cwd: string) => runIprs(['db', 'stop'], { cwd });

/** Every command that works on a database, as a CI job would run it. */
const databaseCommands = [
  ['migrate'],
  ['status'],
  ['status', '--check', '--format', 'json'],
  ['verify', '--format', 'tap'],
  ['demo'],
  ['ingest', 'positions', 'positions.csv'],
  ['ingest', 'loans', 'positions.csv'],
  ['ingest', 'market-data', 'feeds.json'],
  ['lineage', 'some-feed'],
  ['rollup', 'FUND'],
  ['manifest', '--check'],
  ['manifest', '--write'],
];

describe('the CI variable', () => {
  test.each([['true'], ['1'], ['yes'], ['TRUE'], ['woodpecker']])('CI=%s means CI', (value) => {
    expect(runningInCi({ CI: value })).toBe(true);
  });

  test.each([['false'], ['FALSE'], ['0'], [''], [' ']])('CI="%s" does not', (value) => {
    expect(runningInCi({ CI: value })).toBe(false);
  });

  test('an unset CI does not', () => {
    expect(runningInCi({})).toBe(false);
  });
});

describe('under CI without --database-url or DATABASE_URL', async () => {
  const cwd = await useTemporaryDirectory('cli-ci-', stopServer);
  await writeFile(join(cwd, 'positions.csv'), 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy\n');
  await writeFile(join(cwd, 'feeds.json'), '{"feeds":[]}');

  test.each(databaseCommands)('iprs %s exits 2 naming what to set, and starts no server', async (...command) => {
    const run = await runIprs(command, { cwd, env: { CI: 'true' } });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      'iprs: no database given and CI=true is set: set DATABASE_URL or pass --database-url (under CI iprs starts no ' +
        'embedded PostgreSQL on its own; run `iprs db start` first to use one on purpose)\n',
    );
    expect(run.stdout).toBe('');
    expect(existsSync(join(cwd, '.iprs'))).toBe(false);
  });

  test('manifest without --write/--check needs no database and still prints', async () => {
    const run = await runIprs(['manifest'], { cwd, env: { CI: 'true' } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).release).toBe(migrations.at(-1)?.version);
  });

  test('iprs db start is asking for the server: it starts, and then the commands use it', async () => {
    const start = await runIprs(['db', 'start'], { cwd, env: { CI: 'true' } });
    expect(start.exitCode, start.stderr).toBe(0);
    expect(start.stdout).toMatch(/^DATABASE_URL=postgres:\/\//);
    const migrate = await runIprs(['migrate'], { cwd, env: { CI: 'true' } });
    expect(migrate.exitCode, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('(embedded server under .iprs/)');
    const status = await runIprs(['status', '--check'], { cwd, env: { CI: 'true' } });
    expect(status.exitCode, status.stderr).toBe(0);
    expect((await runIprs(['db', 'stop'], { cwd })).exitCode).toBe(0);
    const afterStop = await runIprs(['status'], { cwd, env: { CI: 'true' } });
    expect(afterStop.exitCode).toBe(2);
    expect(afterStop.stderr).toContain('no database given and CI=true is set');
  });
});

describe('under CI with a database given', async () => {
  const databaseUrl = await useMigratedDatabase();
  const cwd = await useTemporaryDirectory('cli-ci-url-', stopServer);

  test('DATABASE_URL and --database-url are used as usual, and no server starts', async () => {
    const fromEnvironment = await runIprs(['status', '--check'], {
      cwd,
      env: { CI: 'true', DATABASE_URL: databaseUrl },
    });
    expect(fromEnvironment.exitCode, fromEnvironment.stderr).toBe(0);
    expect(fromEnvironment.stdout).toContain('(from DATABASE_URL)');
    const fromOption = await runIprs(['verify', '--no-probes', '--database-url', databaseUrl], {
      cwd,
      env: { CI: '1' },
    });
    expect(fromOption.exitCode, fromOption.stderr).toBe(0);
    expect(existsSync(join(cwd, '.iprs'))).toBe(false);
  });
});

describe('outside CI (CI=false) the embedded default stays', async () => {
  const cwd = await useTemporaryDirectory('cli-not-ci-', stopServer);

  test('status starts the embedded server and says so', async () => {
    const run = await runIprs(['status'], { cwd, env: { CI: 'false' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('started embedded PostgreSQL under .iprs/');
    expect(run.stdout).toContain(`0 applied, ${migrations.length} pending`);
  });
});
