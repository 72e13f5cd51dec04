import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEDGER_TABLE, migrate, migrations } from '@iprs/schema';
import { createNode, createPool } from '@iprs/sdk';
import { useEmptyDatabase, useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { runIprs } from './run-iprs.js';
import { useTemporaryDirectory } from './temporary-directory.js';

const cwd = process.cwd();
const first = migrations[0]!;

async function execute(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

const ledgerIn = async (url: string, schema = 'public') =>
  (await execute(url, 'SELECT to_regclass($1) IS NOT NULL AS found', [`${schema}.${LEDGER_TABLE}`]))[0]
    ?.found as boolean;

const withSearchPath = (url: string, searchPath: string) => {
  const withOptions = new URL(url);
  withOptions.searchParams.set('options', `-c search_path=${searchPath}`);
  return withOptions.toString();
};

describe('migrate --dry-run and the plan migrate prints', async () => {
  const emptyUrl = await useEmptyDatabase();
  const appliedUrl = await useEmptyDatabase();
  const editedUrl = await useMigratedDatabase();
  await execute(editedUrl, `UPDATE ${LEDGER_TABLE} SET checksum = repeat('0', 64) WHERE version = $1`, [first.version]);

  test('prints every pending migration with its checksum and SQL, writes nothing (not even the ledger), exit 0', async () => {
    const run = await runIprs(['migrate', '--dry-run', '--database-url', emptyUrl], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `plan: ${migrations.length} migration(s) to apply in schema public, recorded in public.${LEDGER_TABLE}`,
    );
    for (const migration of migrations) {
      expect(run.stdout).toContain(`  ${migration.filename} sha256 ${migration.checksum}\n`);
      expect(run.stdout).toContain(`-- ${migration.filename} (sha256 ${migration.checksum})\n${migration.sql}`);
    }
    expect(run.stdout).toContain('dry run: nothing was applied or written (the ledger was not created either)');
    expect(await ledgerIn(emptyUrl)).toBe(false);
    expect(await execute(emptyUrl, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  test('--dry-run --to plans up to that version; on an up-to-date database the plan is empty', async () => {
    const run = await runIprs(['migrate', '--dry-run', '--to', first.version, '--database-url', emptyUrl], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`plan: 1 migration(s) to apply`);
    expect(run.stdout).not.toContain(migrations[1]!.filename);

    expect((await runIprs(['migrate', '--database-url', appliedUrl], { cwd })).exitCode).toBe(0);
    const upToDate = await runIprs(['migrate', '--dry-run', '--database-url', appliedUrl], { cwd });
    expect(upToDate.exitCode).toBe(0);
    expect(upToDate.stdout).toContain(
      `plan: 0 migration(s) to apply in schema public, recorded in public.${LEDGER_TABLE}; ${migrations.length} already applied`,
    );
  });

  test('migrate prints one plan line per migration, with its checksum, before applying any', async () => {
    const url = withSearchPath(emptyUrl, 'public');
    const run = await runIprs(['migrate', '--database-url', url], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const planned = migrations.map((m) => lines.indexOf(`  will apply ${m.filename} sha256 ${m.checksum}`));
    const applied = migrations.map((m) =>
      lines.findIndex((line) => line.startsWith(`applied ${m.version}_${m.name} (`)),
    );
    expect(planned.every((index) => index > 0)).toBe(true);
    expect(Math.max(...planned)).toBeLessThan(Math.min(...applied));
  });

  test('--dry-run refuses edited history like migrate (exit 1)', async () => {
    const run = await runIprs(['migrate', '--dry-run', '--database-url', editedUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${first.filename} was applied with checksum ${'0'.repeat(64)}`);
  });
});

describe('adopt: a database built without the ledger', async () => {
  // migrate then drop the ledger: the same catalog as psql -f of the shipped files (the schema package proves that).
  const builtUrl = await useMigratedDatabase();
  const driftedUrl = await useMigratedDatabase();
  const olderUrl = await useEmptyDatabase();
  await migrate(olderUrl, { to: first.version });
  for (const url of [builtUrl, driftedUrl, olderUrl]) await execute(url, `DROP TABLE ${LEDGER_TABLE}`);
  await execute(driftedUrl, 'ALTER TABLE position ALTER COLUMN quantity TYPE double precision');

  test('verifies it, records the shipped migrations with their checksums, runs nothing; status --check then passes', async () => {
    const run = await runIprs(['adopt', '--database-url', builtUrl], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    for (const migration of migrations)
      expect(run.stdout).toContain(`  ${migration.version}_${migration.name} sha256 ${migration.checksum}`);
    expect(run.stdout).toContain(`adopted: ${migrations.length} migration(s) recorded as applied, none run`);
    expect(
      await execute(builtUrl, `SELECT version, checksum, execution_ms FROM ${LEDGER_TABLE} ORDER BY version`),
    ).toEqual(migrations.map((m) => ({ version: m.version, checksum: m.checksum, execution_ms: 0 })));
    expect((await runIprs(['status', '--check', '--database-url', builtUrl], { cwd })).exitCode).toBe(0);
  });

  test('refuses a database that has a ledger (exit 2), saying to use status and migrate', async () => {
    const run = await runIprs(['adopt', '--database-url', builtUrl], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /already has the migration ledger public\.iprs_schema_migrations.*iprs status.*iprs migrate/s,
    );
  });

  test('refuses a database that does not conform (exit 1), printing the finding, writing nothing', async () => {
    const run = await runIprs(['adopt', '--database-url', driftedUrl], { cwd });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('position.quantity');
    expect(run.stdout).toContain('double precision');
    expect(run.stderr).toContain(
      `not adopted: schema public does not conform to release ${migrations.at(-1)?.version}`,
    );
    expect(await ledgerIn(driftedUrl)).toBe(false);
  });

  test('--release names an older release; migrate then applies the rest; an unknown release is a usage error', async () => {
    expect((await runIprs(['adopt', '--database-url', olderUrl], { cwd })).exitCode).toBe(1);
    const run = await runIprs(['adopt', '--release', first.version, '--database-url', olderUrl], { cwd });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const migrated = await runIprs(['migrate', '--database-url', olderUrl], { cwd });
    expect(migrated.stdout).toContain(`${migrations.length - 1} migration(s) applied, 1 already applied before`);
    const unknown = await runIprs(['adopt', '--release', '999', '--database-url', olderUrl], { cwd });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Unknown schema release "999"');
  });
});

describe('--schema on every command: iprs in schema iprs beside another application in public', async () => {
  const url = await useEmptyDatabase();
  await execute(
    url,
    `CREATE TABLE position (id serial PRIMARY KEY, player text NOT NULL);
                      INSERT INTO position (player) VALUES ('keeper'), ('striker')`,
  );
  const inIprs = ['--schema', 'iprs', '--database-url', url];
  const directory = await useTemporaryDirectory('iprs-schema-option-', async () => undefined);

  test('migrate --schema creates the schema and everything in it; status agrees through --schema and the URL', async () => {
    const run = await runIprs(['migrate', ...inIprs], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`in schema iprs, recorded in iprs.${LEDGER_TABLE}`);
    expect(await ledgerIn(url, 'iprs')).toBe(true);
    expect(await ledgerIn(url, 'public')).toBe(false);

    expect((await runIprs(['status', '--check', ...inIprs], { cwd })).exitCode).toBe(0);
    const viaUrl = await runIprs(['status', '--check', '--database-url', withSearchPath(url, 'iprs')], { cwd });
    expect(viaUrl.exitCode, viaUrl.stdout + viaUrl.stderr).toBe(0);
    expect(viaUrl.stdout).toContain(`${migrations.length} applied, 0 pending`);
    const inPublic = await runIprs(['status', '--database-url', url], { cwd });
    expect(inPublic.stdout).toContain(`0 applied, ${migrations.length} pending`);
  });

  test('verify finds the tables in iprs through --schema and through the URL search_path; public is not mistaken for it', async () => {
    for (const args of [
      ['--no-probes', ...inIprs],
      ['--no-probes', '--database-url', withSearchPath(url, 'iprs')],
    ]) {
      const run = await runIprs(['verify', ...args], { cwd });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toContain('schema iprs');
    }
    const inPublic = await runIprs(['verify', '--no-probes', '--database-url', url], { cwd });
    expect(inPublic.exitCode).toBe(1);
  });

  test('ingest, lineage and rollup work in iprs with --schema, and say to migrate without it', async () => {
    await writeFile(
      join(directory, 'market-data.json'),
      JSON.stringify({
        feeds: [
          {
            feed_type: 'FX_SPOT',
            as_of_date: '2026-01-15',
            source: 'test',
            payload: { snapshot_id: 'FX-S', quotes: [{ pair: 'EUR/USD', rate: '1.25' }] },
          },
        ],
      }),
    );
    const pool = await createPool({ connectionString: url, schema: 'iprs' });
    await createNode(pool, { portfolio_node_id: 'FUND', name: 'Schema fund', node_type: 'FUND' }).finally(() =>
      pool.close(),
    );

    const ingest = await runIprs(['ingest', 'market-data', 'market-data.json', ...inIprs], { cwd: directory });
    expect(ingest.exitCode, ingest.stderr).toBe(0);
    const feedId = (await execute(url, 'SELECT feed_id FROM iprs.market_data_feed'))[0]?.feed_id as string;
    const lineage = await runIprs(['lineage', feedId, ...inIprs], { cwd });
    expect(lineage.exitCode, lineage.stderr).toBe(0);
    expect(lineage.stdout).toContain(`feed ${feedId}: FX_SPOT`);
    const rollup = await runIprs(['rollup', 'FUND', ...inIprs], { cwd });
    expect(rollup.exitCode, rollup.stderr).toBe(0);
    expect(rollup.stdout).toContain('Rollup in USD (FX snapshot FX-S)');

    for (const args of [
      ['lineage', feedId],
      ['rollup', 'FUND'],
      ['ingest', 'market-data', join(directory, 'market-data.json')],
    ]) {
      const run = await runIprs([...args, '--database-url', url], { cwd });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('run `iprs migrate');
    }
    const elsewhere = await runIprs(['rollup', 'FUND', '--schema', 'staging', '--database-url', url], { cwd });
    expect(elsewhere.exitCode).toBe(2);
    expect(elsewhere.stderr).toContain('run `iprs migrate --schema staging --database-url …`');
    expect(await execute(url, 'SELECT player FROM public.position ORDER BY id')).toEqual([
      { player: 'keeper' },
      { player: 'striker' },
    ]);
  });

  test('adopt --schema adopts the tables of that schema', async () => {
    await execute(url, `DROP TABLE iprs.${LEDGER_TABLE}`);
    const run = await runIprs(['adopt', ...inIprs], { cwd });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`recorded in iprs.${LEDGER_TABLE}`);
    expect((await runIprs(['status', '--check', ...inIprs], { cwd })).exitCode).toBe(0);
  });
});

describe("a consumer's own migrations: --migrations DIR --ledger NAME", async () => {
  const url = await useMigratedDatabase();
  const directory = await useTemporaryDirectory('iprs-app-migrations-', async () => undefined);
  await writeFile(
    join(directory, '001_watchlist.sql'),
    'BEGIN;\nCREATE TABLE watchlist (watchlist_id text PRIMARY KEY);\nCOMMIT;\n',
  );
  const app = ['--migrations', directory, '--ledger', 'app_migrations', '--database-url', url];

  test('apply into their own ledger beside iprs’s; each status is right; an edited file is refused', async () => {
    const run = await runIprs(['migrate', ...app], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('recorded in public.app_migrations');
    expect(run.stdout).toContain('applied 001_watchlist (');
    const appStatus = await runIprs(['status', '--check', '--format', 'json', ...app], { cwd });
    expect(appStatus.exitCode).toBe(0);
    expect(JSON.parse(appStatus.stdout)).toMatchObject({
      newestRelease: '001',
      upToDate: true,
      summary: { total: 1, applied: 1 },
    });
    const iprsStatus = await runIprs(['status', '--check', '--format', 'json', '--database-url', url], { cwd });
    expect(JSON.parse(iprsStatus.stdout).summary).toMatchObject({
      total: migrations.length,
      applied: migrations.length,
      unknown: 0,
    });

    await writeFile(
      join(directory, '001_watchlist.sql'),
      'BEGIN;\nCREATE TABLE watchlist (watchlist_id bigint PRIMARY KEY);\nCOMMIT;\n',
    );
    const edited = await runIprs(['migrate', ...app], { cwd });
    expect(edited.exitCode).toBe(1);
    expect(edited.stderr).toContain('001_watchlist.sql was applied with checksum');
    expect((await runIprs(['status', ...app], { cwd })).exitCode).toBe(1);
    expect((await runIprs(['status', '--check', '--database-url', url], { cwd })).exitCode).toBe(0);
  });

  test.each([
    [['--migrations', 'dir'], '--migrations needs --ledger NAME'],
    [['--migrations', 'dir', '--ledger', LEDGER_TABLE], "is iprs's own ledger"],
    [['--ledger', 'app_migrations'], 'given without migrations'],
    [['--migrations', directory, '--ledger', 'App Migrations'], 'not a ledger table name'],
    [
      ['--migrations', '/nonexistent/app-sql', '--ledger', 'app_migrations'],
      'migrations: /nonexistent/app-sql: no such directory',
    ],
  ])('usage errors exit 2: %j', async (args, message) => {
    const run = await runIprs(['migrate', ...args, '--database-url', url], { cwd });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('iprs demo --schema', async () => {
  const url = await useEmptyDatabase();
  await execute(
    url,
    "CREATE TABLE position (id serial PRIMARY KEY, player text NOT NULL); INSERT INTO position (player) VALUES ('keeper')",
  );
  const directory = await useTemporaryDirectory('iprs-demo-schema-', async () => undefined);

  test('migrates, ingests, verifies and rolls up in that schema, leaving public’s position alone', async () => {
    const run = await runIprs(['demo', '--schema', 'iprs', '--database-url', url], { cwd: directory });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`recorded in iprs.${LEDGER_TABLE}`);
    expect(run.stdout).toContain('verify passed');
    expect(run.stdout).toContain('schema iprs');
    const [{ positions }] = (await execute(url, 'SELECT count(*)::int AS positions FROM iprs.position')) as [
      { positions: number },
    ];
    expect(positions).toBeGreaterThan(3000);
    expect(await execute(url, 'SELECT player FROM public.position')).toEqual([{ player: 'keeper' }]);
  });
});
