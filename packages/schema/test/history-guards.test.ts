import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_TABLE,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationSourceError,
  UnknownMigrationError,
  loadMigrations,
  migrate,
  migrationStatus,
  migrations,
} from '../src/index.js';
import { catalogFingerprint } from './support/catalog-fingerprint.js';
import { migrationDirectory } from './support/migration-directory.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const shipped = Object.fromEntries(
  migrations.map((migration) => [
    migration.filename,
    readFileSync(fileURLToPath(new URL(`../sql/${migration.filename}`, import.meta.url)), 'utf8'),
  ]),
);

const nextVersion = String(Number(migrations.at(-1)?.version ?? 0) + 1).padStart(3, '0');

const ledgerOf = (url: string) =>
  queryRows<{ version: string; checksum: string }>(
    url,
    `SELECT version, checksum FROM ${LEDGER_TABLE} ORDER BY version`,
  );

const createWidgets = 'BEGIN;\nCREATE TABLE widget (widget_id text PRIMARY KEY);\nCOMMIT;\n';
// Line 4 fails after two statements already ran inside the migration's transaction.
const failsHalfway = [
  'BEGIN;',
  'CREATE TABLE gadget (gadget_id text PRIMARY KEY);',
  "INSERT INTO widget VALUES ('w-1');",
  "INSERT INTO no_such_table VALUES ('x');",
  'CREATE INDEX gadget_extra_idx ON gadget (gadget_id);',
  'COMMIT;',
  '',
].join('\n');

describe('edited or unknown history', () => {
  it('refuses an edited applied migration, naming the file and both checksums, before applying anything', async () => {
    const directory = migrationDirectory(shipped);
    const url = await createEmptyDatabase();
    await migrate(url, { migrations: loadMigrations(directory) });
    const [first] = migrations;
    if (!first) throw new Error('no shipped migrations');
    writeFileSync(join(directory, first.filename), `${shipped[first.filename]}-- an edit after it was applied\n`);
    writeFileSync(join(directory, `${nextVersion}_later.sql`), createWidgets);
    const edited = loadMigrations(directory);
    const editedChecksum = edited[0]?.checksum;
    const ledgerBefore = await ledgerOf(url);
    const catalogBefore = await catalogFingerprint(url);

    const error = await migrate(url, { migrations: edited }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(first.filename);
    expect(message).toContain(first.checksum);
    expect(message).toContain(editedChecksum);
    expect((error as MigrationChecksumMismatchError).mismatches).toEqual([
      {
        version: first.version,
        filename: first.filename,
        appliedChecksum: first.checksum,
        shippedChecksum: editedChecksum,
      },
    ]);
    // The pending later migration was not applied either.
    expect(await ledgerOf(url)).toEqual(ledgerBefore);
    expect(await catalogFingerprint(url)).toEqual(catalogBefore);
    expect((await migrationStatus(url, { migrations: edited })).map((entry) => [entry.version, entry.state])).toEqual([
      ['001', 'modified'],
      ...migrations.slice(1).map((migration) => [migration.version, 'applied']),
      [nextVersion, 'pending'],
    ]);
  });

  it('refuses a database that records a migration this build does not ship', async () => {
    const url = await createEmptyDatabase();
    const full = loadMigrations(
      migrationDirectory({ '001_widgets.sql': createWidgets, '002_more.sql': 'BEGIN;\nCOMMIT;\n' }),
    );
    await migrate(url, { migrations: full });
    const older = full.slice(0, 1);

    const error = await migrate(url, { migrations: older }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnknownMigrationError);
    expect((error as Error).message).toContain('002_more');
    expect((await migrationStatus(url, { migrations: older })).map((entry) => [entry.version, entry.state])).toEqual([
      ['001', 'applied'],
      ['002', 'unknown'],
    ]);
  });
});

describe('a migration that fails', () => {
  it('halfway leaves the catalog, the data and the ledger as they were, and names the file and line', async () => {
    const url = await createEmptyDatabase();
    const directory = migrationDirectory({ '001_widgets.sql': createWidgets });
    await migrate(url, { migrations: loadMigrations(directory) });
    writeFileSync(join(directory, '002_fails_halfway.sql'), failsHalfway);
    writeFileSync(join(directory, '003_after.sql'), 'BEGIN;\nCREATE TABLE after_failure (id int);\nCOMMIT;\n');
    const catalogBefore = await catalogFingerprint(url);
    const ledgerBefore = await ledgerOf(url);

    const error = await migrate(url, { migrations: loadMigrations(directory) }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationFailedError);
    const failure = error as MigrationFailedError;
    expect(failure.filename).toBe('002_fails_halfway.sql');
    expect(failure.sqlState).toBe('42P01');
    expect(failure.location).toEqual({ line: 4, column: 13 });
    expect(failure.message).toContain('002_fails_halfway.sql failed at line 4, column 13');
    expect(failure.message).toContain('relation "no_such_table" does not exist');
    expect(await catalogFingerprint(url)).toEqual(catalogBefore);
    expect(await ledgerOf(url)).toEqual(ledgerBefore);
    expect(await queryRows(url, 'SELECT * FROM widget')).toEqual([]);
    expect((await migrationStatus(url, { migrations: loadMigrations(directory) })).map((entry) => entry.state)).toEqual(
      ['applied', 'pending', 'pending'],
    );
  });

  it('as the very first migration leaves no table but the (empty) ledger', async () => {
    const url = await createEmptyDatabase();
    const broken = loadMigrations(
      migrationDirectory({
        '001_fails_halfway.sql': failsHalfway.replace('INSERT INTO widget', '-- INSERT INTO widget'),
      }),
    );

    await expect(migrate(url, { migrations: broken })).rejects.toThrow(MigrationFailedError);

    expect((await catalogFingerprint(url)).filter((line) => !line.includes(LEDGER_TABLE))).toEqual([]);
    expect(await ledgerOf(url)).toEqual([]);
  });

  it('inside a DO block reports the PL/pgSQL context', async () => {
    const url = await createEmptyDatabase();
    const broken = loadMigrations(
      migrationDirectory({
        '001_do_block.sql': "BEGIN;\nDO $$\nBEGIN\n  RAISE EXCEPTION 'deliberate: %', 42;\nEND\n$$;\nCOMMIT;\n",
      }),
    );

    const error = await migrate(url, { migrations: broken }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).sqlState).toBe('P0001');
    expect((error as Error).message).toMatch(
      /001_do_block\.sql failed: deliberate: 42 \(SQLSTATE P0001\)\n {2}CONTEXT: PL\/pgSQL/,
    );
  });

  it('without its BEGIN;/COMMIT; wrapper is refused before any migration is applied', async () => {
    const url = await createEmptyDatabase();
    const unwrapped = loadMigrations(
      migrationDirectory({ '001_widgets.sql': createWidgets, '002_unwrapped.sql': 'CREATE TABLE gadget (id int);\n' }),
    );

    const error = await migrate(url, { migrations: unwrapped }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationSourceError);
    expect((error as Error).message).toMatch(/^002_unwrapped\.sql: a migration file must start with BEGIN;/);
    // Refused before anything was written: not even the ledger was created.
    const left = await queryRows(
      url,
      `SELECT to_regclass('${LEDGER_TABLE}') AS ledger, to_regclass('widget') AS widget`,
    );
    expect(left).toEqual([{ ledger: null, widget: null }]);
  });
});
