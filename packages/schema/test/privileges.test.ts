import { inject, describe, expect, it, onTestFinished } from 'vitest';
import { LEDGER_TABLE, MigrationPrivilegeError, migrate, migrationStatus, migrations } from '../src/index.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const shippedVersions = migrations.map((migration) => migration.version);
let roles = 0;

/**
 * A login role that may connect and read the ledger but create nothing: what a deploy job or a read-only operator
 * gets. Returns its connection URL; the role is dropped when the test finishes.
 */
async function readOnlyRole(url: string, { canRecord = false } = {}): Promise<{ role: string; roleUrl: string }> {
  const role = `iprs_reader_${process.pid}_${++roles}`;
  const database = new URL(url).pathname.slice(1);
  await queryRows(
    url,
    [
      `CREATE ROLE ${role} LOGIN PASSWORD 'reader'`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE "${database}" TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `DO $$ BEGIN IF to_regclass('${LEDGER_TABLE}') IS NOT NULL THEN
         GRANT SELECT${canRecord ? ', INSERT' : ''} ON ${LEDGER_TABLE} TO ${role}; END IF; END $$`,
    ].join(';\n'),
  );
  onTestFinished(async () => {
    // Privileges keep a role alive; the test database may already be gone (then so are they).
    await queryRows(url, `DROP OWNED BY ${role}`).catch(() => undefined);
    await queryRows(inject('iprsTestDatabase').serverUrl, `DROP ROLE IF EXISTS ${role}`);
  });
  const roleUrl = new URL(url);
  roleUrl.username = role;
  roleUrl.password = 'reader';
  return { role, roleUrl: roleUrl.toString() };
}

describe('a role without CREATE privilege', () => {
  it('sees the status of, and migrates with nothing to do, a database that is up to date', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const { roleUrl } = await readOnlyRole(url);
    // The role really cannot create, so the old CREATE TABLE IF NOT EXISTS of the ledger would have failed.
    await expect(queryRows(roleUrl, `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (version text)`)).rejects.toThrow(
      /permission denied for schema public/,
    );

    const status = await migrationStatus(roleUrl);
    const result = await migrate(roleUrl);
    const upTo002 = await migrate(roleUrl, { to: '002' });

    expect(status.map((entry) => [entry.version, entry.state])).toEqual(shippedVersions.map((v) => [v, 'applied']));
    expect(result).toEqual({ applied: [], alreadyApplied: shippedVersions });
    expect(upTo002.applied).toEqual([]);
  });

  it('is refused with MigrationPrivilegeError naming CREATE and ledger INSERT when migrations are pending', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '002' });
    const { role, roleUrl } = await readOnlyRole(url);

    const error = await migrate(roleUrl).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationPrivilegeError);
    const refusal = error as MigrationPrivilegeError;
    expect(refusal.role).toBe(role);
    expect(refusal.schema).toBe('public');
    expect(refusal.missingPrivileges).toEqual(['CREATE on schema public', `INSERT on table ${LEDGER_TABLE}`]);
    // Every release after 002 is waiting (003_rollup_indexes.sql, 004_comments.sql, …).
    expect(refusal.pending).toEqual(
      migrations.filter((migration) => migration.version > '002').map((migration) => migration.filename),
    );
    expect(refusal.pending[0]).toBe('003_rollup_indexes.sql');
    expect(refusal.message).toMatch(new RegExp(`role ${role} lacks CREATE on schema public and INSERT on table`));
    expect(refusal.message).toContain('GRANT CREATE ON SCHEMA public');
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE} ORDER BY version`)).toEqual([
      { version: '001' },
      { version: '002' },
    ]);
  });

  it('names only CREATE when the role may record into the ledger', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: '001' });
    const { roleUrl } = await readOnlyRole(url, { canRecord: true });

    const error = await migrate(roleUrl).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationPrivilegeError);
    expect((error as MigrationPrivilegeError).missingPrivileges).toEqual(['CREATE on schema public']);
    expect((error as MigrationPrivilegeError).pending).toEqual(
      migrations.slice(1).map((migration) => migration.filename),
    );
  });

  it('is refused on an empty database without creating the ledger; status reads every release as pending', async () => {
    const url = await createEmptyDatabase();
    const { roleUrl } = await readOnlyRole(url);

    const error = await migrate(roleUrl).catch((caught: unknown) => caught);
    const status = await migrationStatus(roleUrl);

    expect(error).toBeInstanceOf(MigrationPrivilegeError);
    expect((error as MigrationPrivilegeError).missingPrivileges).toEqual(['CREATE on schema public']);
    expect(await queryRows(url, `SELECT to_regclass('${LEDGER_TABLE}') AS ledger`)).toEqual([{ ledger: null }]);
    expect(status.map((entry) => entry.state)).toEqual(shippedVersions.map(() => 'pending'));
  });
});
