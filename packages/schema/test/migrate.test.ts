import { describe, expect, it } from 'vitest';
import {
  DatabaseConnectionError,
  LEDGER_TABLE,
  MIGRATION_LOCK_KEY,
  MigrationLockTimeoutError,
  UnknownTargetVersionError,
  migrate,
  migrationStatus,
  migrations,
} from '../src/index.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const release001Tables = ['instrument', 'run', 'valuation_result'];
const release002Tables = [
  'data_lineage',
  'fx_spot',
  'ingestion_batch',
  'market_data_feed',
  'portfolio_node',
  'portfolio_snapshot',
  'position',
  'rating_history',
  'reference_data',
];

async function tablesOf(url: string): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    url,
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

const shippedVersions = migrations.map((migration) => migration.version);

describe('migrate on an empty database', () => {
  it('applies every shipped release in order, records it in the ledger, and reports it applied', async () => {
    const url = await createEmptyDatabase();

    const result = await migrate(url, { appliedBy: 'schema-test' });

    expect(result.alreadyApplied).toEqual([]);
    expect(result.applied.map(({ version, name }) => ({ version, name }))).toEqual(
      migrations.map(({ version, name }) => ({ version, name })),
    );
    expect(result.applied.slice(0, 2).map((applied) => applied.name)).toEqual(['mvp_core', 'portfolio_data_services']);
    for (const applied of result.applied) expect(applied.executionMs).toBeGreaterThanOrEqual(0);
    expect(await tablesOf(url)).toEqual(
      expect.arrayContaining([...release001Tables, ...release002Tables, LEDGER_TABLE]),
    );

    const ledger = await queryRows<{ version: string; name: string; checksum: string; applied_by: string }>(
      url,
      `SELECT version, name, checksum, applied_by FROM ${LEDGER_TABLE} ORDER BY version`,
    );
    expect(ledger).toEqual(
      migrations.map((migration) => ({
        version: migration.version,
        name: migration.name,
        checksum: migration.checksum,
        applied_by: 'schema-test',
      })),
    );

    const status = await migrationStatus(url);
    expect(status.map((entry) => [entry.version, entry.state])).toEqual(
      shippedVersions.map((version) => [version, 'applied']),
    );
    for (const entry of status) {
      expect(entry.appliedAt).toBeInstanceOf(Date);
      expect(entry.appliedChecksum).toBe(entry.shippedChecksum);
    }
  });

  it('records the database session user when no appliedBy is given', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const [row] = await queryRows<{ matches: boolean }>(
      url,
      `SELECT bool_and(applied_by = session_user) AS matches FROM ${LEDGER_TABLE}`,
    );
    expect(row?.matches).toBe(true);
  });

  it('a second run applies nothing and reports everything already applied', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const ledgerBefore = await queryRows(url, `SELECT * FROM ${LEDGER_TABLE} ORDER BY version`);

    const again = await migrate(url);

    expect(again).toEqual({ applied: [], alreadyApplied: shippedVersions });
    expect(await queryRows(url, `SELECT * FROM ${LEDGER_TABLE} ORDER BY version`)).toEqual(ledgerBefore);
  });

  it('stops at the version given as `to`, and continues from there later', async () => {
    const url = await createEmptyDatabase();

    const first = await migrate(url, { to: '001' });
    expect(first.applied.map((migration) => migration.version)).toEqual(['001']);
    expect(await tablesOf(url)).toEqual([...release001Tables, LEDGER_TABLE].sort());
    expect((await migrationStatus(url)).map((entry) => entry.state)).toEqual(
      shippedVersions.map((version) => (version === '001' ? 'applied' : 'pending')),
    );

    const rest = await migrate(url);
    expect(rest.applied.map((migration) => migration.version)).toEqual(shippedVersions.slice(1));
    expect(rest.alreadyApplied).toEqual(['001']);
  });

  it('refuses an unknown `to` version before connecting', async () => {
    await expect(migrate('postgres://nobody@127.0.0.1:1/none', { to: '999' })).rejects.toThrow(
      UnknownTargetVersionError,
    );
  });

  it('reports every migration pending on a database that was never migrated, without creating the ledger', async () => {
    const url = await createEmptyDatabase();
    const status = await migrationStatus(url);
    expect(status.map((entry) => [entry.version, entry.state, entry.appliedAt])).toEqual(
      shippedVersions.map((version) => [version, 'pending', undefined]),
    );
    expect(await tablesOf(url)).toEqual([]);
  });
});

describe('release 001 and 002 shape', () => {
  it('position.instrument_id references instrument(instrument_id)', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const rows = await queryRows<{ definition: string }>(
      url,
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = 'position'::regclass AND contype = 'f'
          AND conkey = ARRAY[(SELECT attnum FROM pg_attribute
                               WHERE attrelid = 'position'::regclass AND attname = 'instrument_id')]`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.definition).toMatch(/^FOREIGN KEY \(instrument_id\) REFERENCES instrument\(instrument_id\)/);
  });

  it('every foreign key has an index whose leading columns are its referencing columns', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const unindexed = await queryRows<{ fk: string }>(
      url,
      `SELECT con.conrelid::regclass || '.' || con.conname AS fk
         FROM pg_constraint con
        WHERE con.contype = 'f' AND con.connamespace = current_schema()::regnamespace
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
             WHERE i.indrelid = con.conrelid
               AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
               AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey)`,
    );
    expect(unindexed).toEqual([]);
  });
});

describe('runner failures', () => {
  it('waits for the advisory lock and gives up with MigrationLockTimeoutError after lockTimeoutMs', async () => {
    const url = await createEmptyDatabase();
    await withClient(url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const started = performance.now();
      const error = await migrate(url, { lockTimeoutMs: 300 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationLockTimeoutError);
      expect((error as MigrationLockTimeoutError).message).toContain(MIGRATION_LOCK_KEY);
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    });
    // Nothing was applied while the lock was held, and the ledger was not even created.
    expect(await tablesOf(url)).toEqual([]);
  });

  it('fails with DatabaseConnectionError when nothing listens at the address', async () => {
    await expect(migrate({ host: '127.0.0.1', port: 1, user: 'nobody', database: 'none' })).rejects.toThrow(
      DatabaseConnectionError,
    );
    await expect(migrationStatus('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/127\.0\.0\.1:1\/none/);
  });

  it('rejects a negative lockTimeoutMs', async () => {
    await expect(migrate('postgres://nobody@127.0.0.1:1/none', { lockTimeoutMs: -1 })).rejects.toThrow(RangeError);
  });
});
