import { describe, expect, inject, it, onTestFinished } from 'vitest';
import {
  LEDGER_TABLE,
  MigrationOptionError,
  MigrationPrivilegeError,
  migrate,
  migrationStatus,
  migrations,
  planMigrations,
} from '../src/index.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const applied = migrations.map(() => 'applied');
const pending = migrations.map(() => 'pending');
const states = async (url: string, schema?: string) =>
  (await migrationStatus(url, schema === undefined ? {} : { schema })).map((entry) => entry.state);
const withSearchPath = (url: string, searchPath: string) => {
  const withOptions = new URL(url);
  withOptions.searchParams.set('options', `-c search_path=${searchPath}`);
  return withOptions.toString();
};

/** Another application's tables in public, one named like a release table with a shape of its own. */
async function databaseWithAnotherApplication(): Promise<string> {
  const url = await createEmptyDatabase();
  await withClient(url, (client) =>
    client.query(`
      CREATE TABLE position (id serial PRIMARY KEY, player text NOT NULL, jersey integer NOT NULL);
      INSERT INTO position (player, jersey) VALUES ('keeper', 1), ('striker', 9);
      CREATE TABLE fixture (id serial PRIMARY KEY)`),
  );
  return url;
}

const publicPosition = (url: string) => queryRows(url, 'SELECT player, jersey FROM public.position ORDER BY id');
const tablesIn = async (url: string, schema: string) =>
  (
    await queryRows<{ tablename: string }>(url, 'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [
      schema,
    ])
  ).map((row) => row.tablename);

describe('the schema option: iprs in its own schema beside another application in public', () => {
  it('migrate({ schema }) creates the schema, the tables and the ledger there, and leaves public alone', async () => {
    const url = await databaseWithAnotherApplication();
    const publicBefore = await tablesIn(url, 'public');

    expect(await planMigrations(url, { schema: 'iprs' })).toMatchObject({
      schema: 'iprs',
      ledger: `iprs.${LEDGER_TABLE}`,
    });
    const result = await migrate(url, { schema: 'iprs' });

    expect(result.applied).toHaveLength(migrations.length);
    expect(await tablesIn(url, 'public')).toEqual(publicBefore);
    expect(await publicPosition(url)).toEqual([
      { player: 'keeper', jersey: 1 },
      { player: 'striker', jersey: 9 },
    ]);
    expect(await tablesIn(url, 'iprs')).toContain('position');
    expect(await tablesIn(url, 'iprs')).toContain(LEDGER_TABLE);
    expect(await states(url, 'iprs')).toEqual(applied);
    expect(await states(url)).toEqual(pending);
    expect((await planMigrations(url, { schema: 'iprs' })).pending).toEqual([]);
    expect((await migrate(url, { schema: 'iprs' })).applied).toEqual([]);
  });

  it('a URL with options=-c search_path=… and the schema option find the same ledger, both ways round', async () => {
    const url = await databaseWithAnotherApplication();
    await withClient(url, (client) => client.query('CREATE SCHEMA risk'));
    await migrate(withSearchPath(url, 'risk'), { to: migrations[0]?.version });
    expect(await tablesIn(url, 'risk')).toContain(LEDGER_TABLE);
    expect(await states(url, 'risk')).toEqual(['applied', ...pending.slice(1)]);

    await migrate(url, { schema: 'risk' });
    expect(await states(withSearchPath(url, 'risk'))).toEqual(applied);
    // search_path risk,public: the ledger of the first schema is read; public's tables stay another application's.
    expect(await states(withSearchPath(url, 'risk,public'))).toEqual(applied);
    expect(await states(url)).toEqual(pending);
  });

  it('a ledger further down the search_path is not taken for the current schema’s', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    await withClient(url, (client) => client.query('CREATE SCHEMA staging'));
    expect(await states(withSearchPath(url, 'staging,public'))).toEqual(pending);
    expect((await planMigrations(withSearchPath(url, 'staging,public'))).schema).toBe('staging');
  });

  it('a role that may not create schemas is refused before anything is written, naming the privilege', async () => {
    const url = await createEmptyDatabase();
    const role = `iprs_no_create_${process.pid}`;
    await withClient(url, (client) => client.query(`CREATE ROLE ${role} LOGIN PASSWORD 'deploy'`));
    onTestFinished(() =>
      queryRows(inject('iprsTestDatabase').serverUrl, `DROP ROLE IF EXISTS ${role}`).then(() => undefined),
    );
    const roleUrl = new URL(url);
    roleUrl.username = role;
    roleUrl.password = 'deploy';

    const error = await migrate(roleUrl.toString(), { schema: 'iprs' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationPrivilegeError);
    expect((error as MigrationPrivilegeError).missingPrivileges).toEqual([
      'CREATE on the database (schema iprs does not exist)',
    ]);
    expect(await queryRows(url, "SELECT nspname FROM pg_namespace WHERE nspname = 'iprs'")).toEqual([]);
  });

  it('refuses an empty schema name', async () => {
    await expect(migrationStatus('postgres://unused/db', { schema: '' })).rejects.toThrow(MigrationOptionError);
  });
});
