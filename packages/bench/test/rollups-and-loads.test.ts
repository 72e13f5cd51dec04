import { useMigratedDatabase } from '@iprs/testkit/vitest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPositions } from '../src/baselines/copy-positions.js';
import { openSqlRollups } from '../src/baselines/sql-rollups.js';
import type { RollupEngine } from '../src/benchmarks/rollup-engine.js';
import { assertSameRollups } from '../src/benchmarks/same-rollups.js';
import { settlePositions } from '../src/database/settle-positions.js';
import { reportingCurrency } from '../src/dataset/currencies.js';
import type { DatasetSpec } from '../src/dataset/dataset-spec.js';
import { latestFxSnapshotId } from '../src/dataset/generate-fx-spots.js';
import { fundId } from '../src/dataset/generate-nodes.js';
import { generatePositions } from '../src/dataset/generate-positions.js';
import { seedReferenceData } from '../src/dataset/seed-reference-data.js';
import { ResultMismatchError } from '../src/errors/result-mismatch-error.js';
import { openSdkRollups } from '../src/iprs/sdk-rollups.js';
import { sdkLoadPositions } from '../src/iprs/sdk-load-positions.js';

const spec: DatasetSpec = { seed: 11, instrumentCount: 500, fanOut: 3, positionCount: 4_050, fxSnapshotCount: 2 };
const copiedUrl = await useMigratedDatabase();
const sdkLoadedUrl = await useMigratedDatabase();

/**
 * Every position column as text, in id order: equal digests mean equal tables. Numerics are compared by value
 * (trim_scale): the SDK normalises `1.50` to `1.5` before writing, COPY keeps the scale it was given.
 */
async function tableDigest(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ digest: string }>(
      `SELECT md5(string_agg(concat_ws('|', position_id, portfolio_node_id, instrument_id, trim_scale(quantity), base_ccy,
                                       trim_scale(cost_basis), trim_scale(book_value), status, tags_json), ',' ORDER BY position_id)) AS digest FROM position`,
    );
    return rows[0]?.digest ?? '';
  } finally {
    await client.end();
  }
}

describe('the two loads', () => {
  beforeAll(async () => {
    await seedReferenceData(copiedUrl, spec);
    await seedReferenceData(sdkLoadedUrl, spec);
  });

  it('COPY and the SDK bulk load write identical tables from the same generated rows', async () => {
    expect(await copyPositions(copiedUrl, generatePositions(spec))).toMatchObject({ rows: spec.positionCount });
    expect(await sdkLoadPositions(sdkLoadedUrl, generatePositions(spec))).toMatchObject({ rows: spec.positionCount });
    expect(await settlePositions(copiedUrl)).toBe(spec.positionCount);
    expect(await settlePositions(sdkLoadedUrl)).toBe(spec.positionCount);
    expect(await tableDigest(sdkLoadedUrl)).toBe(await tableDigest(copiedUrl));
  });
});

describe('the hand-written rollup SQL', () => {
  const engines: RollupEngine[] = [];
  afterAll(async () => {
    for (const engine of engines) await engine.close();
  });
  const open = async () => {
    const request = { databaseUrl: copiedUrl, fxSnapshotId: latestFxSnapshotId(spec), reportingCurrency };
    const sdk = await openSdkRollups(request);
    const sql = await openSqlRollups(request);
    engines.push(sdk, sql);
    return { sdk, sql };
  };

  it('gives the SDK answer for a fund subtree and for every node of the tree, to the last digit', async () => {
    const { sdk, sql } = await open();
    const fund = await sql.subtree(fundId(1));
    expect(fund.subtree.byCurrency.size).toBeGreaterThan(5);
    assertSameRollups('subtree', [await sdk.subtree(fundId(1))], [fund]);
    const tree = await sql.wholeTree();
    expect(tree).toHaveLength(120);
    assertSameRollups('whole tree', await sdk.wholeTree(), tree);
  });

  it('is caught when an answer differs', async () => {
    const { sql } = await open();
    const fund = await sql.subtree(fundId(0));
    const altered = { ...fund, subtree: { ...fund.subtree, total: `${fund.subtree.total}1` } };
    expect(() => assertSameRollups('subtree', [altered], [fund])).toThrow(ResultMismatchError);
  });
});
