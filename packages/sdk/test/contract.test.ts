import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { checkColumnsAgainstCatalog as checkColumnsFromEntry } from '../src/contract-columns.js';
import { describeRowSchema } from '../src/contract/describe-row-schema.js';
import {
  checkColumnsAgainstCatalog,
  checkRowSchemasAgainstCatalog,
  rowSchemaColumns,
  tableContracts,
  type ContractProblem,
} from '../src/index.js';
import { readCatalogModelAfter, serverVersionOf } from './support/read-catalog-model.js';

const databaseUrl = await useMigratedDatabase();
const serverVersion = await serverVersionOf(databaseUrl);
const problemsAfter = async (drift: readonly string[]): Promise<readonly ContractProblem[]> =>
  checkRowSchemasAgainstCatalog(await readCatalogModelAfter(databaseUrl, drift)).problems;
const listed = (problems: readonly ContractProblem[]) =>
  problems.map((problem) => `${problem.kind}:${problem.table}.${problem.column}`).sort();

describe('row schemas against the live catalog', () => {
  it('covers all twelve tables of releases 001 and 002 and finds no drift', async () => {
    expect(tableContracts.map((contract) => contract.table).sort()).toEqual(
      [
        'data_lineage',
        'fx_spot',
        'ingestion_batch',
        'instrument',
        'market_data_feed',
        'portfolio_node',
        'portfolio_snapshot',
        'position',
        'rating_history',
        'reference_data',
        'run',
        'valuation_result',
      ].sort(),
    );
    const result = checkRowSchemasAgainstCatalog(await readCatalogModelAfter(databaseUrl));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.tablesChecked).toBe(12);
    expect(result.columnsChecked).toBeGreaterThan(100);
  });

  it('reports a new column, a changed type, a changed nullability and a missing column', async () => {
    const problems = await problemsAfter([
      'ALTER TABLE position ADD COLUMN desk_note text',
      'ALTER TABLE fx_spot ALTER COLUMN spot_rate TYPE double precision',
      'ALTER TABLE run ALTER COLUMN created_by SET NOT NULL',
      'ALTER TABLE data_lineage DROP COLUMN source_identifier',
    ]);
    expect(listed(problems)).toEqual(
      [
        'extra_column:position.desk_note',
        'missing_column:data_lineage.source_identifier',
        'nullability:run.created_by',
        'type_family:fx_spot.spot_rate',
      ].sort(),
    );
    const typeProblem = problems.find((problem) => problem.kind === 'type_family');
    expect(typeProblem).toMatchObject({ expected: 'numeric', actual: 'double precision' });
    expect(checkRowSchemasAgainstCatalog(await readCatalogModelAfter(databaseUrl)).ok).toBe(true);
  });

  it('judges types as the catalog model spells them: modifiers keep the family, another type does not', async () => {
    const problems = await problemsAfter([
      'ALTER TABLE fx_spot ALTER COLUMN spot_rate TYPE numeric(20,4)',
      'ALTER TABLE fx_spot ALTER COLUMN created_at TYPE timestamp(3) with time zone',
      'ALTER TABLE ingestion_batch ALTER COLUMN record_count TYPE integer',
      'ALTER TABLE run ALTER COLUMN created_by TYPE varchar(40)',
    ]);
    const found = problems.map(({ kind, table, column, expected, actual }) => {
      return [kind, `${table}.${column}`, expected, actual];
    });
    expect(found.sort()).toEqual([
      ['type_family', 'ingestion_batch.record_count', 'bigint', 'integer'],
      ['type_family', 'run.created_by', 'text', 'character varying(40)'],
    ]);
  });

  it.skipIf(serverVersion < 180_000)(
    'counts a NOT NULL left NOT VALID as nullable, and one validated as NOT NULL (PostgreSQL 18+)',
    async () => {
      const notValid = 'ALTER TABLE run ADD CONSTRAINT run_created_by_not_null NOT NULL created_by NOT VALID';
      expect(await problemsAfter([notValid])).toEqual([]);
      const validated = await problemsAfter([notValid, 'ALTER TABLE run VALIDATE CONSTRAINT run_created_by_not_null']);
      expect(validated).toMatchObject([
        { kind: 'nullability', table: 'run', column: 'created_by', expected: 'NULL allowed', actual: 'NOT NULL' },
      ]);
      const demoted = await problemsAfter([
        'ALTER TABLE instrument ALTER COLUMN name DROP NOT NULL',
        'ALTER TABLE instrument ADD CONSTRAINT instrument_name_not_null NOT NULL name NOT VALID',
      ]);
      expect(listed(demoted)).toEqual(['nullability:instrument.name']);
    },
  );

  it('reports missing tables of a catalog without them', async () => {
    const result = checkRowSchemasAgainstCatalog({ tables: [] });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((problem) => problem.kind === 'missing_table')).toHaveLength(12);
  });
});

describe('the row schemas written out for iprs verify (rowSchemaColumns)', () => {
  it('are exactly what the zod row schemas describe, table by table and column by column', () => {
    const described = tableContracts.map(({ table, rowSchema }) => ({ table, columns: describeRowSchema(rowSchema) }));
    expect(
      rowSchemaColumns,
      `a row schema changed: update src/contract/row-schema-columns.ts to\n${JSON.stringify(described, null, 2)}`,
    ).toEqual(described);
  });

  it('give checkColumnsAgainstCatalog the verdict of checkRowSchemasAgainstCatalog, drifted or not', async () => {
    const catalogs = [
      await readCatalogModelAfter(databaseUrl),
      await readCatalogModelAfter(databaseUrl, [
        'ALTER TABLE position ADD COLUMN desk_note text',
        'ALTER TABLE fx_spot ALTER COLUMN spot_rate TYPE double precision',
        'ALTER TABLE run ALTER COLUMN created_by SET NOT NULL',
        'ALTER TABLE data_lineage DROP COLUMN source_identifier',
      ]),
      await readCatalogModelAfter(databaseUrl, ['DROP TABLE data_lineage CASCADE']),
      { tables: [] },
    ];
    const verdicts = catalogs.map((catalog) => checkColumnsAgainstCatalog(catalog));
    expect(verdicts.map((verdict) => verdict.problems.length)).toEqual([0, 4, 1, 12]);
    catalogs.forEach((catalog, index) => {
      expect(verdicts[index]).toEqual(checkRowSchemasAgainstCatalog(catalog));
      expect(checkColumnsFromEntry(catalog)).toEqual(verdicts[index]);
    });
  });
});
