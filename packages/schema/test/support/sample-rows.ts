import type pg from 'pg';

export interface SampleRow {
  readonly table: string;
  readonly primaryKey: readonly string[];
  readonly row: Readonly<Record<string, unknown>>;
}

const asOf = '2026-01-02';

/** One valid row for every table of releases 001 and 002, parents before children. */
export const sampleRows: readonly SampleRow[] = [
  {
    table: 'instrument',
    primaryKey: ['instrument_id'],
    row: { instrument_id: 'test-instrument-1', instrument_type: 'BOND', name: 'Test Bond', currency: 'USD' },
  },
  { table: 'run', primaryKey: ['run_id'], row: { run_id: 'test-run-1', run_type: 'VALUATION', as_of_date: asOf } },
  {
    table: 'valuation_result',
    primaryKey: ['valuation_result_id'],
    row: {
      valuation_result_id: 'test-valuation-1',
      run_id: 'test-run-1',
      instrument_id: 'test-instrument-1',
      measure: 'PV',
      value: '100.25',
      currency: 'USD',
    },
  },
  // The spec's own example rows: a FUND node test-port-1 and an ISSUER test-issuer-1.
  {
    table: 'portfolio_node',
    primaryKey: ['portfolio_node_id'],
    row: { portfolio_node_id: 'test-port-1', name: 'Test Portfolio', node_type: 'FUND' },
  },
  {
    table: 'position',
    primaryKey: ['position_id'],
    row: {
      position_id: 'test-position-1',
      portfolio_node_id: 'test-port-1',
      instrument_id: 'test-instrument-1',
      quantity: '1000',
      base_ccy: 'USD',
    },
  },
  {
    table: 'portfolio_snapshot',
    primaryKey: ['snapshot_id'],
    row: {
      snapshot_id: 'test-snapshot-1',
      portfolio_node_id: 'test-port-1',
      as_of_date: asOf,
      payload_json: '{"positions":[]}',
      payload_hash: 'a'.repeat(64),
    },
  },
  {
    table: 'reference_data',
    primaryKey: ['entity_id'],
    row: { entity_id: 'test-issuer-1', entity_type: 'ISSUER', name: 'Test Issuer' },
  },
  {
    table: 'rating_history',
    primaryKey: ['rating_id'],
    row: {
      rating_id: 'test-rating-1',
      entity_id: 'test-issuer-1',
      agency: 'SP',
      rating: 'BBB-',
      outlook: 'STABLE',
      as_of_date: asOf,
      effective_date: asOf,
    },
  },
  {
    table: 'fx_spot',
    primaryKey: ['pair', 'snapshot_id'],
    row: { pair: 'EUR/USD', snapshot_id: 'test-fx-1', spot_rate: '1.0842', as_of_date: asOf, source: 'TEST' },
  },
  {
    table: 'market_data_feed',
    primaryKey: ['feed_id'],
    row: {
      feed_id: 'test-feed-1',
      feed_type: 'FX_SPOT',
      as_of_date: asOf,
      source: 'TEST',
      payload_json: '{"EUR/USD":1.0842}',
      payload_hash: 'b'.repeat(64),
    },
  },
  {
    table: 'data_lineage',
    primaryKey: ['lineage_id'],
    row: {
      lineage_id: 'test-lineage-1',
      feed_type: 'FX_SPOT',
      feed_id: 'test-feed-1',
      source_system: 'TEST',
      transformation_chain: ['parse', 'validate'],
      quality_checks_passed: true,
    },
  },
  {
    table: 'ingestion_batch',
    primaryKey: ['batch_id'],
    row: { batch_id: 'test-batch-1', batch_type: 'POSITION_UPLOAD', status: 'STARTED' },
  },
];

export function sampleRow(table: string): SampleRow {
  const sample = sampleRows.find((candidate) => candidate.table === table);
  if (!sample) throw new Error(`no sample row for table ${table}`);
  return sample;
}

export async function insertRow(
  client: pg.Client,
  table: string,
  row: Readonly<Record<string, unknown>>,
): Promise<pg.QueryResult> {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, index) => `$${index + 1}`);
  return client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
    Object.values(row),
  );
}

/** Inserts the sample rows of `tables` (all by default) in dependency order. */
export async function insertSampleRows(client: pg.Client, tables?: readonly string[]): Promise<void> {
  for (const sample of sampleRows) {
    if (!tables || tables.includes(sample.table)) await insertRow(client, sample.table, sample.row);
  }
}

/** Deletes one sample row by its primary key; resolves to the number of rows deleted. */
export async function deleteSampleRow(client: pg.Client, sample: SampleRow): Promise<number> {
  const where = sample.primaryKey.map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  const result = await client.query(
    `DELETE FROM ${sample.table} WHERE ${where}`,
    sample.primaryKey.map((column) => sample.row[column]),
  );
  return result.rowCount ?? 0;
}

/** Every table's rows as JSON text, ordered, for "nothing changed" comparisons. */
export async function tableContents(client: pg.Client, tables: readonly string[]): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`);
    contents[table] = rows.map((entry) => entry.row);
  }
  return contents;
}
