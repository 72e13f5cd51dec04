import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEDGER_TABLE, migrate, migrations } from '../src/index.js';
import { catalogFingerprint } from './support/catalog-fingerprint.js';
import { psqlFile } from './support/psql.js';
import { withClient } from '../src/internal.js';
import { insertSampleRows, sampleRows, tableContents } from './support/sample-rows.js';
import { createEmptyDatabase } from './support/test-database.js';

const shippedFile = (filename: string): string => fileURLToPath(new URL(`../sql/${filename}`, import.meta.url));
const allTables = [...sampleRows.map((sample) => sample.table), LEDGER_TABLE];

async function snapshot(url: string): Promise<{ catalog: string[]; rows: Record<string, string[]> }> {
  return {
    catalog: await catalogFingerprint(url),
    rows: await withClient(url, (client) => tableContents(client, allTables)),
  };
}

async function rerunEverything(url: string): Promise<void> {
  expect((await migrate(url)).applied).toEqual([]);
  for (const migration of migrations) {
    await psqlFile(url, shippedFile(migration.filename));
    await psqlFile(url, shippedFile(migration.filename));
  }
}

describe('re-running migrations changes nothing', () => {
  it('on a freshly migrated, empty database: runner again, then every file twice with psql -f', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const before = await snapshot(url);
    expect(before.catalog.length).toBeGreaterThan(100);

    await rerunEverything(url);

    expect(await snapshot(url)).toEqual(before);
  });

  it('on a database holding a row in every table: catalog and rows identical', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    await withClient(url, (client) => insertSampleRows(client));
    const before = await snapshot(url);
    for (const sample of sampleRows) expect(before.rows[sample.table], sample.table).toHaveLength(1);

    await rerunEverything(url);

    expect(await snapshot(url)).toEqual(before);
  });

  it('psql -f alone builds the same schema as the runner (apart from the ledger), and twice is the same as once', async () => {
    const byRunner = await createEmptyDatabase();
    await migrate(byRunner);
    const byPsql = await createEmptyDatabase();
    for (const migration of migrations) await psqlFile(byPsql, shippedFile(migration.filename));
    const once = await catalogFingerprint(byPsql);

    for (const migration of migrations) await psqlFile(byPsql, shippedFile(migration.filename));

    expect(await catalogFingerprint(byPsql)).toEqual(once);
    const withoutLedger = (await catalogFingerprint(byRunner)).filter((line) => !line.includes(LEDGER_TABLE));
    expect(once).toEqual(withoutLedger);
  });

  it('the runner adopts a database built with psql -f: it records every migration and changes no table', async () => {
    const url = await createEmptyDatabase();
    for (const migration of migrations) await psqlFile(url, shippedFile(migration.filename));
    await withClient(url, (client) => insertSampleRows(client));
    const rowsBefore = await withClient(url, (client) => tableContents(client, allTables.slice(0, -1)));
    const catalogBefore = await catalogFingerprint(url);

    const result = await migrate(url);

    expect(result.applied.map((migration) => migration.version)).toEqual(
      migrations.map((migration) => migration.version),
    );
    expect(await withClient(url, (client) => tableContents(client, allTables.slice(0, -1)))).toEqual(rowsBefore);
    const catalogAfter = (await catalogFingerprint(url)).filter((line) => !line.includes(LEDGER_TABLE));
    expect(catalogAfter).toEqual(catalogBefore);
  });
});
