import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPositionsFile } from '../src/batches/ingest-positions-file.js';
import { createPool } from '../src/connection/create-pool.js';
import { ingestFeed } from '../src/feeds/ingest-feed.js';
import { exportOpenLineage } from '../src/lineage/export-openlineage.js';
import { validateOpenLineageEvent } from '../src/lineage/validate-openlineage-event.js';
import { createNode } from '../src/portfolio/create-node.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());
const directory = await mkdtemp(join(tmpdir(), 'iprs-lineage-'));
const header = 'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,status,tags';
const csvFile = async (name: string, lines: string[]) => {
  const path = join(directory, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
};

beforeAll(async () => {
  await createNode(pool, { portfolio_node_id: 'LIN-FUND', name: 'Fund', node_type: 'FUND' });
  await pool.query(
    sql.unsafe`INSERT INTO instrument (instrument_id, instrument_type, name, currency) VALUES ('LIN-BOND', 'BOND', 'Bond', 'USD')`,
  );
});

const lifecycle = async (id: string) => {
  const events = await exportOpenLineage(pool, id);
  for (const event of events) expect(validateOpenLineageEvent(event)).toEqual([]);
  expect(new Set(events.map((event) => event.run.runId)).size).toBe(events.length / 2);
  return events;
};

describe('OpenLineage events follow the run life cycle', () => {
  it('a COMPLETED batch that skipped bad rows: START at the batch start, then COMPLETE carrying the failed checks', async () => {
    const file = await csvFile('partial.csv', [
      header,
      'L-1,LIN-FUND,LIN-BOND,5,USD,,5,,',
      'L-2,LIN-FUND,LIN-BOND,-,USD,,5,,',
    ]);
    const result = await ingestPositionsFile(pool, { file, atomicity: 'skip-bad-rows' });
    expect(result.batch.status).toBe('COMPLETED');
    const events = await lifecycle(result.batch.batch_id);
    expect(events.map((event) => event.eventType)).toEqual(['START', 'COMPLETE']);
    expect(events[0]?.eventTime).toBe(result.batch.started_at.toISOString());
    expect(Date.parse(events[0]?.eventTime ?? '')).toBeLessThanOrEqual(Date.parse(events[1]?.eventTime ?? ''));
    expect(events[1]?.inputs[0]?.inputFacets?.dataQualityAssertions['assertions']).toContainEqual({
      assertion: 'ROWS_VALID',
      success: false,
    });
  });

  it('a clean batch: START then COMPLETE; a rolled-back batch: START then FAIL', async () => {
    const clean = await ingestPositionsFile(pool, {
      file: await csvFile('clean.csv', [header, 'L-3,LIN-FUND,LIN-BOND,5,USD,,5,,']),
    });
    expect((await lifecycle(clean.batch.batch_id)).map((event) => event.eventType)).toEqual(['START', 'COMPLETE']);
    const bad = await ingestPositionsFile(pool, {
      file: await csvFile('bad.csv', [header, 'L-4,LIN-FUND,LIN-BOND,-,USD,,5,,']),
    });
    expect(bad.batch.status).toBe('FAILED');
    expect((await lifecycle(bad.batch.batch_id)).map((event) => event.eventType)).toEqual(['START', 'FAIL']);
  });

  it('feeds: an accepted feed with warnings completes, a rejected one fails', async () => {
    const warned = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'test',
      payload: { quotes: [{ pair: 'EUR/USD', rate: '1.1', quoted_at: '2026-01-10T16:00:00Z' }] },
    });
    expect(warned.feed.validation_status).toBe('WARN');
    expect((await lifecycle(warned.feed.feed_id)).map((event) => event.eventType)).toEqual(['START', 'COMPLETE']);
    const rejected = await ingestFeed(pool, {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'test',
      payload: { quotes: [{ pair: 'EUR/USD', rate: '-1' }] },
    });
    expect((await lifecycle(rejected.feed.feed_id)).map((event) => event.eventType)).toEqual(['START', 'FAIL']);
  });
});
