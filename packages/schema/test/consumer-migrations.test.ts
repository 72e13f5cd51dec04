import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_TABLE,
  MIGRATION_LOCK_KEY,
  MigrationChecksumMismatchError,
  MigrationLockTimeoutError,
  MigrationOptionError,
  UnknownMigrationError,
  ledgerLockKey,
  loadMigrations,
  migrate,
  migrationStatus,
  migrations,
} from '../src/index.js';
import { migrationDirectory } from './support/migration-directory.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const appFiles = {
  '001_watchlist.sql':
    'BEGIN;\nCREATE TABLE watchlist (watchlist_id text PRIMARY KEY, instrument_id text NOT NULL);\nCOMMIT;\n',
  '002_watchlist_note.sql': 'BEGIN;\nALTER TABLE watchlist ADD COLUMN note text;\nCOMMIT;\n',
};
const ledger = 'app_migrations';

const versionsIn = async (url: string, table: string) =>
  (await queryRows<{ version: string }>(url, `SELECT version FROM ${table} ORDER BY version`)).map(
    (row) => row.version,
  );

describe("a consumer's own migrations, in their own ledger beside iprs's", () => {
  it('both histories apply into one database, each ledger holds only its own versions, each status is right', async () => {
    const url = await createEmptyDatabase();
    const directory = migrationDirectory(appFiles);
    await migrate(url);
    const app = await migrate(url, { migrations: directory, ledger });

    expect(app.applied.map((m) => m.version)).toEqual(['001', '002']);
    expect(await versionsIn(url, LEDGER_TABLE)).toEqual(migrations.map((m) => m.version));
    expect(await versionsIn(url, ledger)).toEqual(['001', '002']);
    expect((await migrationStatus(url)).map((e) => [e.version, e.state])).toEqual(
      migrations.map((m) => [m.version, 'applied']),
    );
    expect(
      (await migrationStatus(url, { migrations: loadMigrations(directory), ledger })).map((e) => [e.version, e.state]),
    ).toEqual([
      ['001', 'applied'],
      ['002', 'applied'],
    ]);
    expect((await migrate(url, { migrations: directory, ledger })).applied).toEqual([]);
  });

  it('an edited applied file of the consumer is refused and iprs’s own history is not affected', async () => {
    const url = await createEmptyDatabase();
    const directory = migrationDirectory(appFiles);
    await migrate(url, { migrations: directory, ledger });
    writeFileSync(join(directory, '001_watchlist.sql'), `${appFiles['001_watchlist.sql']}-- edited\n`);
    writeFileSync(join(directory, '003_more.sql'), 'BEGIN;\nCREATE TABLE more (id int);\nCOMMIT;\n');

    await expect(migrate(url, { migrations: directory, ledger })).rejects.toThrow(MigrationChecksumMismatchError);
    expect(await versionsIn(url, ledger)).toEqual(['001', '002']);
    expect((await migrationStatus(url, { migrations: directory, ledger })).map((e) => e.state)).toEqual([
      'modified',
      'applied',
      'pending',
    ]);
    expect((await migrate(url)).applied).toHaveLength(migrations.length);
  });

  it('a version in the consumer ledger that its files no longer have is refused', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { migrations: migrationDirectory(appFiles), ledger });
    const onlyFirst = migrationDirectory({ '001_watchlist.sql': appFiles['001_watchlist.sql'] });
    await expect(migrate(url, { migrations: onlyFirst, ledger })).rejects.toThrow(UnknownMigrationError);
  });

  it('the shipped release shape check does not apply to consumer files, even one numbered like a release', async () => {
    const url = await createEmptyDatabase();
    const shadow = migrationDirectory({ '002_position.sql': 'BEGIN;\nCREATE TABLE position (id int);\nCOMMIT;\n' });
    const result = await migrate(url, { migrations: shadow, ledger });
    expect(result.applied.map((m) => m.version)).toEqual(['002']);
  });

  it.each([
    [{ ledger }, /given without migrations/],
    [{ ledger: 'App-Migrations', migrations: [] }, /not a ledger table name/],
    [{ ledger: `x${'y'.repeat(41)}`, migrations: [] }, /at most 41 characters/],
  ])('refuses %o', async (options, message) => {
    const error = await migrate('postgres://unused/db', options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationOptionError);
    expect((error as Error).message).toMatch(message);
  });

  it('each ledger has its own lock: the consumer migrates while iprs’s lock is held, and waits while its own is', async () => {
    expect(ledgerLockKey(LEDGER_TABLE)).toBe(MIGRATION_LOCK_KEY);
    expect(ledgerLockKey(ledger)).not.toBe(MIGRATION_LOCK_KEY);
    expect(ledgerLockKey(ledger)).toBe(ledgerLockKey(ledger));
    expect(ledgerLockKey('other_migrations')).not.toBe(ledgerLockKey(ledger));

    const url = await createEmptyDatabase();
    const directory = migrationDirectory(appFiles);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const result = await migrate(url, { migrations: directory, ledger, lockTimeoutMs: 2_000 });
      expect(result.applied).toHaveLength(2);
      await expect(migrate(url, { lockTimeoutMs: 200 })).rejects.toThrow(MigrationLockTimeoutError);

      await holder.query('SELECT pg_advisory_lock($1::bigint)', [ledgerLockKey(ledger)]);
      await expect(migrate(url, { migrations: directory, ledger, lockTimeoutMs: 200 })).rejects.toThrow(
        MigrationLockTimeoutError,
      );
    } finally {
      await holder.end();
    }
    await withClient(url, async (client) => expect((await client.query('SELECT 1 FROM watchlist')).rowCount).toBe(0));
  });
});
