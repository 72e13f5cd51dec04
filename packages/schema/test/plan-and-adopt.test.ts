import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AdoptionRefusedError,
  LEDGER_TABLE,
  LedgerExistsError,
  MigrationChecksumMismatchError,
  adoptRelease,
  migrate,
  migrationStatus,
  migrations,
  planMigrations,
  type MigrationPlan,
} from '../src/index.js';
import { catalogFingerprint } from './support/catalog-fingerprint.js';
import { psqlFile } from './support/psql.js';
import { withClient } from '../src/internal.js';
import { queryRows } from './support/query.js';
import { createEmptyDatabase } from './support/test-database.js';

const shippedFile = (filename: string) => fileURLToPath(new URL(`../sql/${filename}`, import.meta.url));
const [first, second] = migrations;
if (!first || !second) throw new Error('expected at least two shipped migrations');

const ledgerExists = async (url: string, schema = 'public') =>
  (
    await queryRows<{ found: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS found', [
      `${schema}.${LEDGER_TABLE}`,
    ])
  )[0]?.found;
const tableCount = async (url: string) =>
  Number(
    (await queryRows<{ n: string }>(url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'"))[0]?.n,
  );

async function buildWithPsql(url: string, upTo = migrations.length): Promise<void> {
  for (const migration of migrations.slice(0, upTo)) await psqlFile(url, shippedFile(migration.filename));
}

describe('planMigrations: the plan, nothing written', () => {
  it('on an empty database lists every shipped migration with its checksum and SQL, and creates no ledger or table', async () => {
    const url = await createEmptyDatabase();
    const plan = await planMigrations(url);
    expect(plan).toMatchObject({
      schema: 'public',
      ledger: `public.${LEDGER_TABLE}`,
      ledgerExists: false,
      alreadyApplied: [],
    });
    expect(plan.pending).toEqual(
      migrations.map(({ version, name, filename, checksum, sql }) => ({ version, name, filename, checksum, sql })),
    );
    expect(await ledgerExists(url)).toBe(false);
    expect(await tableCount(url)).toBe(0);
  });

  it('on a partly migrated database lists only what is pending, up to `to` when given', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: first.version });
    const plan = await planMigrations(url);
    expect(plan.alreadyApplied).toEqual([first.version]);
    expect(plan.pending.map((migration) => migration.version)).toEqual(migrations.slice(1).map((m) => m.version));
    expect((await planMigrations(url, { to: second.version })).pending.map((m) => m.version)).toEqual([second.version]);
    await migrate(url);
    expect((await planMigrations(url)).pending).toEqual([]);
  });

  it('refuses edited history as migrate would, and leaves the ledger as it was', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: first.version });
    const edited = [{ ...first, checksum: 'f'.repeat(64) }, ...migrations.slice(1)];
    await expect(planMigrations(url, { migrations: edited })).rejects.toThrow(MigrationChecksumMismatchError);
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE}`)).toEqual([{ version: first.version }]);
  });

  it('migrate reports its plan before writing anything: an onPlan that throws leaves the database untouched', async () => {
    const url = await createEmptyDatabase();
    const refusal = new Error('the operator said no');
    await expect(
      migrate(url, {
        onPlan: () => {
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(await ledgerExists(url)).toBe(false);
    expect(await tableCount(url)).toBe(0);

    const seen: MigrationPlan[] = [];
    const result = await migrate(url, { onPlan: (plan) => seen.push(plan) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.pending.map((m) => m.version)).toEqual(result.applied.map((m) => m.version));
    expect(seen[0]?.pending.map((m) => m.checksum)).toEqual(migrations.map((m) => m.checksum));

    const again: MigrationPlan[] = [];
    await migrate(url, { onPlan: (plan) => again.push(plan) });
    expect(again.map((plan) => plan.pending)).toEqual([[]]);
  });
});

describe('adoptRelease: a database built without the ledger', () => {
  it('records the shipped migrations with their checksums, runs nothing, and status then shows them applied', async () => {
    const url = await createEmptyDatabase();
    await buildWithPsql(url);
    const before = await catalogFingerprint(url);

    const result = await adoptRelease(url, { appliedBy: 'adopted-by-test' });

    expect(result).toMatchObject({
      release: migrations.at(-1)?.version,
      schema: 'public',
      ledger: `public.${LEDGER_TABLE}`,
    });
    const rows = await queryRows<{ version: string; checksum: string; applied_by: string; execution_ms: number }>(
      url,
      `SELECT version, checksum, applied_by, execution_ms FROM ${LEDGER_TABLE} ORDER BY version`,
    );
    expect(rows).toEqual(
      migrations.map((m) => ({
        version: m.version,
        checksum: m.checksum,
        applied_by: 'adopted-by-test',
        execution_ms: 0,
      })),
    );
    expect((await catalogFingerprint(url)).filter((line) => !line.includes(LEDGER_TABLE))).toEqual(before);
    expect((await migrationStatus(url)).map((entry) => entry.state)).toEqual(migrations.map(() => 'applied'));
    expect((await migrate(url)).applied).toEqual([]);
  });

  it('adopts an older release, after which migrate applies the rest', async () => {
    const url = await createEmptyDatabase();
    await buildWithPsql(url, 1);
    await adoptRelease(url, { release: first.version });
    const result = await migrate(url);
    expect(result.applied.map((m) => m.version)).toEqual(migrations.slice(1).map((m) => m.version));
  });

  it.each([
    [
      'a column of another type',
      'ALTER TABLE position ALTER COLUMN quantity TYPE double precision',
      /column position\.quantity has type double precision/,
    ],
    ['a missing index', 'DROP INDEX position_instrument_id_idx', /index position_instrument_id_idx is missing/],
    ['a missing table', 'DROP TABLE fx_spot CASCADE', /table fx_spot is missing/],
  ])('refuses a database with %s, naming it, and writes no ledger', async (_case, change, finding) => {
    const url = await createEmptyDatabase();
    await buildWithPsql(url);
    await withClient(url, (client) => client.query(change));
    const error = await adoptRelease(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdoptionRefusedError);
    expect((error as Error).message).toMatch(finding);
    expect(await ledgerExists(url)).toBe(false);
  });

  it('refuses a database built to an older release than the one named', async () => {
    const url = await createEmptyDatabase();
    await buildWithPsql(url, 1);
    await expect(adoptRelease(url)).rejects.toThrow(AdoptionRefusedError);
    expect(await ledgerExists(url)).toBe(false);
  });

  it('refuses a database that already has a ledger, even a partial one, and leaves it untouched', async () => {
    const url = await createEmptyDatabase();
    await migrate(url, { to: first.version });
    const error = await adoptRelease(url, { release: first.version }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LedgerExistsError);
    expect((error as Error).message).toMatch(/iprs status.*iprs migrate/);
    expect(await queryRows(url, `SELECT version FROM ${LEDGER_TABLE}`)).toEqual([{ version: first.version }]);
  });
});
