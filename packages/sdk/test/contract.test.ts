import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { checkRowSchemasAgainstCatalog, sql, tableContracts } from '../src/index.js';
import { openPool } from './support/open-pool.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);

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
    const result = await checkRowSchemasAgainstCatalog(databaseUrl);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.tablesChecked).toBe(12);
    expect(result.columnsChecked).toBeGreaterThan(100);
  });

  it('reports a new column, a changed type, a changed nullability and a missing column', async () => {
    await pool.transaction(async (transaction) => {
      await transaction.query(sql.unsafe`ALTER TABLE position ADD COLUMN desk_note text`);
      await transaction.query(sql.unsafe`ALTER TABLE fx_spot ALTER COLUMN spot_rate TYPE double precision`);
      await transaction.query(sql.unsafe`ALTER TABLE run ALTER COLUMN created_by SET NOT NULL`);
      await transaction.query(sql.unsafe`ALTER TABLE data_lineage DROP COLUMN source_identifier`);
      const result = await checkRowSchemasAgainstCatalog(transaction);
      expect(result.ok).toBe(false);
      const found = result.problems.map((problem) => `${problem.kind}:${problem.table}.${problem.column}`).sort();
      expect(found).toEqual(
        [
          'extra_column:position.desk_note',
          'missing_column:data_lineage.source_identifier',
          'nullability:run.created_by',
          'type_family:fx_spot.spot_rate',
        ].sort(),
      );
      const typeProblem = result.problems.find((problem) => problem.kind === 'type_family');
      expect(typeProblem).toMatchObject({ expected: 'numeric', actual: 'float8' });
      throw new Error('undo the drift');
    }).catch((error: Error) => {
      if (error.message !== 'undo the drift') throw error;
    });
    expect((await checkRowSchemasAgainstCatalog(pool)).ok).toBe(true);
  });

  it('reports missing tables of an unmigrated schema', async () => {
    const result = await checkRowSchemasAgainstCatalog(pool, { schema: 'no_such_schema' });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((problem) => problem.kind === 'missing_table')).toHaveLength(12);
  });
});
