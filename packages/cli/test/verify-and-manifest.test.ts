import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestForRelease } from '@iprs/schema';
import { useMigratedDatabase, type ProvidedTestDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { manifestSourceDirectory } from '../src/manifest-sources/manifest-source-directory.js';
import { runIprs } from './run-iprs.js';

const cwd = process.cwd();
const newest = manifestForRelease().release;

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'iprs-verify-'));
  afterAll(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

describe('iprs verify on a conforming database', async () => {
  const databaseUrl = await useMigratedDatabase();

  test('exits 0 with a summary line, probes, ledger and the SDK contract included', async () => {
    const run = await runIprs(['verify', '--database-url', databaseUrl], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`conforms to release ${newest}: \\d+ checks, \\d+ passed, 0 warned, 0 failed, 0 skipped`),
    );
    for (const section of ['Catalog', 'Release rules', 'Migration ledger', 'Behavioural probes', 'Extra checks']) {
      expect(run.stdout).toContain(section);
    }
  });

  test('colours only where asked: not in a CI log or a pipe, yes with FORCE_COLOR, never with NO_COLOR', async () => {
    const escape = '\u001b[';
    const inCi = await runIprs(['verify', '--no-probes', '--database-url', databaseUrl], { cwd, env: { CI: 'true' } });
    expect(inCi.exitCode, inCi.stderr).toBe(0);
    expect(inCi.stdout).not.toContain(escape);
    const forced = await runIprs(['verify', '--no-probes', '--database-url', databaseUrl], {
      cwd,
      env: { FORCE_COLOR: '1' },
    });
    expect(forced.stdout).toContain(escape);
    const refused = await runIprs(['verify', '--no-probes', '--database-url', databaseUrl], {
      cwd,
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(refused.stdout).not.toContain(escape);
  });

  test('--reapply and --strict still conform; --no-probes runs no probe', async () => {
    const strict = await runIprs(
      ['verify', '--database-url', databaseUrl, '--reapply', '--strict', '--format', 'json'],
      { cwd },
    );
    expect(strict.exitCode, strict.stderr).toBe(0);
    const report = JSON.parse(strict.stdout);
    expect(report).toMatchObject({ conforms: true, options: { strict: true, probes: true, reapply: true } });
    expect(report.checks.some((check: { category: string }) => check.category === 'reapply')).toBe(true);
    const noProbes = await runIprs(['verify', '--database-url', databaseUrl, '--no-probes', '--format', 'json'], {
      cwd,
    });
    expect(JSON.parse(noProbes.stdout).checks.some((check: { category: string }) => check.category === 'probes')).toBe(
      false,
    );
  });

  test('verifies an older release against the same database: not conforming, exit 1', async () => {
    const run = await runIprs(['verify', '--database-url', databaseUrl, '--release', '1', '--no-probes'], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('does NOT conform to release 001');
  });
});

describe('iprs verify on a database that drifted', async () => {
  const databaseUrl = await useMigratedDatabase();
  await sql(
    databaseUrl,
    `ALTER TABLE portfolio_snapshot DROP CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey,
       ADD CONSTRAINT portfolio_snapshot_portfolio_node_id_fkey FOREIGN KEY (portfolio_node_id)
         REFERENCES portfolio_node (portfolio_node_id) ON DELETE CASCADE`,
  );
  const output = await temporaryDirectory();

  test('exits 1 and names the object, expected and actual, and the fix', async () => {
    const run = await runIprs(['verify', '--database-url', databaseUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'foreign key portfolio_snapshot_portfolio_node_id_fkey: onDelete differs (expected RESTRICT, actual CASCADE)',
    );
    expect(run.stdout).toContain('ON DELETE RESTRICT;');
    expect(run.stdout).toContain(
      'ON DELETE RESTRICT on portfolio_snapshot_portfolio_node_id_fkey did not refuse the delete',
    );
  });

  test('--output writes the report in the chosen format and prints one summary line', async () => {
    for (const format of ['json', 'junit', 'tap', 'text']) {
      const file = join(output, `report.${format}`);
      const run = await runIprs(['verify', '--database-url', databaseUrl, '--format', format, '--output', file], {
        cwd,
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toContain(`does NOT conform to release ${newest}`);
      const written = await readFile(file, 'utf8');
      if (format === 'json') expect(JSON.parse(written).conforms).toBe(false);
      if (format === 'junit') expect(written).toMatch(/^<\?xml[^>]*>\s*<testsuites [^>]*failures="[1-9]/);
      if (format === 'tap') expect(written).toMatch(/^TAP version 13\n1\.\.\d+\n/);
      if (format === 'text') expect(written).not.toMatch(/\u001b\[/);
    }
    expect((await readdir(output)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('--output creates missing parent directories, relative or absolute, one level or several', async () => {
    const project = await temporaryDirectory();
    for (const file of [
      'reports/schema.xml',
      join('nested', 'deeper', 'report.json'),
      join(project, 'absolute', 'report.tap'),
    ]) {
      const run = await runIprs(['verify', '--database-url', databaseUrl, '--no-probes', '--output', file], {
        cwd: project,
      });
      expect(run.exitCode, run.stderr).toBe(1);
      expect(await readFile(resolve(project, file), 'utf8')).toContain(`does NOT conform to release ${newest}`);
    }
  });

  test('--output under a path that is a file exits 2 naming the path, and leaves no temporary file', async () => {
    const project = await temporaryDirectory();
    await writeFile(join(project, 'reports'), 'not a directory');
    const run = await runIprs(
      ['verify', '--database-url', databaseUrl, '--no-probes', '--output', 'reports/schema.xml'],
      {
        cwd: project,
      },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^iprs: cannot write the report to reports\/schema\.xml: /);
    expect(await readdir(project)).toEqual(['reports']);
  });
});

describe('iprs verify on a database with an index a DBA added', async () => {
  const databaseUrl = await useMigratedDatabase();
  await sql(databaseUrl, 'CREATE INDEX run_status_idx ON run (status)');

  test('warns and exits 0; --strict fails with exit 1', async () => {
    const lenient = await runIprs(['verify', '--database-url', databaseUrl, '--no-probes'], { cwd });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toContain('warning index run_status_idx is not part of the release');
    const strict = await runIprs(['verify', '--database-url', databaseUrl, '--no-probes', '--strict'], { cwd });
    expect(strict.exitCode).toBe(1);
  });
});

describe('iprs verify that cannot run exits 2 with a one-line reason', () => {
  test.each([
    [
      ['--database-url', 'postgres://postgres@127.0.0.1:1/nowhere'],
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere: connection refused/,
    ],
    [['--database-url', 'not a url'], /is not a PostgreSQL URL/],
    [['--database-url', 'postgres://postgres@127.0.0.1:1/nowhere', '--release', '77'], /Unknown schema release "77"/],
    [['--format', 'xml'], /argument 'xml' is invalid/],
  ])('%j', async (args, reason) => {
    const run = await runIprs(['verify', ...args], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(reason);
  });
});

describe('iprs verify that cannot read the catalog exits 2 with a one-line reason', async () => {
  const databaseUrl = await useMigratedDatabase();

  test('a schema that does not exist', async () => {
    const run = await runIprs(['verify', '--database-url', databaseUrl, '--schema', 'no_such_schema'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^iprs: schema "no_such_schema" does not exist in database /),
    ]);
  });

  test('a table locked ACCESS EXCLUSIVE by another session (catalog unavailable)', async () => {
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE position IN ACCESS EXCLUSIVE MODE');
      const run = await runIprs(['verify', '--database-url', databaseUrl], { cwd });
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^iprs: could not read the catalog of schema public: .*lock timeout.*try again later\)$/),
      ]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});

describe('iprs manifest', () => {
  test('prints the shipped manifest of a release', async () => {
    const run = await runIprs(['manifest', '--release', '2'], { cwd });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(manifestForRelease('002'));
    const unknown = await runIprs(['manifest', '--release', '77'], { cwd });
    expect(unknown.exitCode).toBe(2);
  });

  test('--check regenerates on a temporary embedded server and finds the shipped manifests current', async () => {
    const run = await runIprs(['manifest', '--check'], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('the shipped manifests match the migrations');
    expect(run.stderr).toContain('(embedded)');
  });

  test('--write --dir writes exactly the modules @iprs/schema ships', async () => {
    const directory = await temporaryDirectory();
    const run = await runIprs(
      [
        'manifest',
        '--write',
        '--dir',
        directory,
        '--database-url',
        (inject('iprsTestDatabase') as ProvidedTestDatabase).serverUrl,
      ],
      { cwd },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const shippedDirectory = manifestSourceDirectory();
    const shipped = (await readdir(shippedDirectory)).sort();
    expect(shipped).toContain(`release-${newest}.ts`);
    expect((await readdir(directory)).sort()).toEqual(shipped);
    for (const name of shipped) {
      expect(await readFile(join(directory, name), 'utf8')).toBe(await readFile(join(shippedDirectory, name), 'utf8'));
    }
  });
});
