import { LEDGER_TABLE, migrate, newestSchemaRelease, schemaReleases } from '@iprs/schema';
import { useEmptyDatabase, useMigratedDatabase } from '@iprs/testkit/vitest';
import { createPool as createSlonikPool } from 'slonik';
import { describe, expect, it } from 'vitest';
import {
  checkRowSchemasAgainstCatalog,
  createPool,
  dbConn,
  IprsError,
  listPositionsByNode,
  SchemaNotInstalledError,
  SchemaReleaseMismatchError,
  sql,
  withTransaction,
  type Interceptor,
  type IprsPool,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { readCatalogModelAfter } from './support/read-catalog-model.js';

const previousRelease = schemaReleases.at(-2) ?? '';
const ledger = sql.identifier([LEDGER_TABLE]);

/** Runs set-up SQL on a plain Slonik pool, which does no release check. */
const execute = async (url: string, query: ReturnType<typeof sql.unsafe>) => {
  const plain = await createSlonikPool(url);
  try {
    await plain.query(query);
  } finally {
    await plain.end();
  }
};

/** Counts the statements a pool sends, by whether they name the migration ledger (in their text or a parameter). */
const statementCounter = () => {
  const counts = { ledger: 0, other: 0 };
  const interceptor: Interceptor = {
    name: 'count-ledger-statements',
    beforeQueryExecution: (_context, query) => {
      if (query.sql.includes(LEDGER_TABLE) || query.values.includes(LEDGER_TABLE)) counts.ledger += 1;
      else counts.other += 1;
      return null;
    },
  };
  return { counts, interceptor };
};

// Every way into the database a pool offers, so none skips the check.
const entryPoints: readonly { name: string; call: (pool: IprsPool) => Promise<unknown> }[] = [
  { name: 'pool.query', call: (pool) => pool.query(sql.unsafe`SELECT 1`) },
  { name: 'pool.oneFirst', call: (pool) => pool.oneFirst(sql.unsafe`SELECT 1`) },
  { name: 'pool.stream', call: (pool) => pool.stream(sql.unsafe`SELECT 1`, (stream) => stream.resume()) },
  {
    name: 'withTransaction',
    call: (pool) => withTransaction(pool, (transaction) => transaction.query(sql.unsafe`SELECT 1`)),
  },
  { name: 'dbConn', call: (pool) => dbConn(pool, (connection) => connection.query(sql.unsafe`SELECT 1`)) },
  { name: 'a repository function (listPositionsByNode)', call: (pool) => listPositionsByNode(pool, 'no-such-node') },
];

describe(`a database migrated only to release ${previousRelease}`, async () => {
  const url = await useEmptyDatabase();
  await migrate(url, { to: previousRelease });
  const pool = await openPool(url);

  it.each(entryPoints)(
    '$name fails with SchemaReleaseMismatchError naming both releases and the fix',
    async ({ call }) => {
      const error = await call(pool).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(SchemaReleaseMismatchError);
      expect(error).toBeInstanceOf(IprsError);
      expect(error).toMatchObject({
        databaseRelease: previousRelease,
        requiredRelease: newestSchemaRelease,
        missingReleases: [newestSchemaRelease],
        schema: 'public',
        command: `npx iprs migrate --to ${newestSchemaRelease}`,
      });
      expect((error as Error).message).toContain(`is at iprs schema release ${previousRelease}`);
      expect((error as Error).message).toContain(`needs release ${newestSchemaRelease}`);
      expect((error as Error).message).toContain(`npx iprs migrate --to ${newestSchemaRelease}`);
    },
  );

  it('works on the next call once the database has been migrated, without a new pool', async () => {
    await migrate(url);

    expect(await pool.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
  });
});

describe('a database without the migration ledger', async () => {
  const url = await useEmptyDatabase();
  const pool = await openPool(url);
  const nowhere = new URL(url);
  nowhere.searchParams.set('options', '-c search_path=no_such_schema');
  const lost = await openPool(nowhere.toString());

  it('fails with SchemaNotInstalledError naming the ledger, the schema and the command', async () => {
    const error = await pool.query(sql.unsafe`SELECT 1`).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SchemaNotInstalledError);
    expect(error).toMatchObject({ schema: 'public', ledgerTable: LEDGER_TABLE, command: 'npx iprs migrate' });
    expect((error as Error).message).toMatch(
      new RegExp(`^No iprs migration ledger \\(${LEDGER_TABLE}\\) in schema public: .*Run \`npx iprs migrate\``),
    );
  });

  it('does not stop the row-schema contract check on the catalog model iprs verify reads of any database', async () => {
    const result = checkRowSchemasAgainstCatalog(await readCatalogModelAfter(url));

    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.kind)).toContain('missing_table');
  });

  it('names no schema when none of the search_path exists', async () => {
    const error = await lost.query(sql.unsafe`SELECT 1`).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SchemaNotInstalledError);
    expect((error as SchemaNotInstalledError).schema).toBeNull();
    expect((error as Error).message).toContain('none of them exists');
  });
});

describe('ledgers that record the wrong releases', async () => {
  const emptyLedgerUrl = await useEmptyDatabase();
  await execute(emptyLedgerUrl, sql.unsafe`CREATE TABLE ${ledger} (version text)`);
  const gapUrl = await useMigratedDatabase();
  await execute(gapUrl, sql.unsafe`DELETE FROM ${ledger} WHERE version = ${schemaReleases[0] ?? ''}`);
  const newerUrl = await useMigratedDatabase();
  await execute(
    newerUrl,
    sql.unsafe`INSERT INTO ${ledger} (version, name, checksum, execution_ms) VALUES ('999', 'future', repeat('a', 64), 0)`,
  );
  const [emptyLedger, gap, newer] = await Promise.all([openPool(emptyLedgerUrl), openPool(gapUrl), openPool(newerUrl)]);

  it('an empty ledger: no release applied, every release missing', async () => {
    const error = await emptyLedger.query(sql.unsafe`SELECT 1`).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ databaseRelease: null, missingReleases: schemaReleases });
    expect((error as Error).message).toContain('has no iprs schema release applied');
  });

  it('a gap: the newest release recorded, an earlier one not', async () => {
    const error = await gap.query(sql.unsafe`SELECT 1`).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SchemaReleaseMismatchError);
    expect(error).toMatchObject({ databaseRelease: newestSchemaRelease, missingReleases: [schemaReleases[0]] });
  });

  it('a newer database than the SDK knows is accepted: releases only add', async () => {
    expect(await newer.oneFirst(sql.unsafe`SELECT 1`)).toBe(1);
  });
});

describe('a database at the release the SDK needs', async () => {
  const url = await useMigratedDatabase();

  it('pays the check once per pool: not in createPool, once for concurrent first calls, never again', async () => {
    const { counts, interceptor } = statementCounter();
    const pool = await createPool({ connectionString: url, interceptors: [interceptor] });
    try {
      expect(counts).toEqual({ ledger: 0, other: 0 });

      await Promise.all(Array.from({ length: 8 }, () => pool.oneFirst(sql.unsafe`SELECT 1`)));
      const afterFirstCalls = { ...counts };
      for (const entry of entryPoints) await entry.call(pool);

      // One statement finds the ledger (to_regclass names it) and one reads it; then only the callers' statements.
      expect(afterFirstCalls).toEqual({ ledger: 2, other: 8 });
      expect(counts.ledger).toBe(2);
      // One statement per entry point, except pool.stream: Slonik runs no beforeQueryExecution hook for a stream.
      expect(counts.other).toBe(8 + entryPoints.length - 1);
    } finally {
      await pool.close();
    }
  });

  it('each pool checks for itself', async () => {
    const { counts, interceptor } = statementCounter();
    for (let pools = 0; pools < 2; pools += 1) {
      const pool = await createPool({ connectionString: url, interceptors: [interceptor] });
      await pool.query(sql.unsafe`SELECT 1`).finally(() => pool.close());
    }

    expect(counts.ledger).toBe(4);
  });
});
