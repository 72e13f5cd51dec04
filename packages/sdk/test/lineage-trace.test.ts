import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/connection/create-pool.js';
import { NotFoundError } from '../src/errors/not-found-error.js';
import { ingestFeed } from '../src/feeds/ingest-feed.js';
import { exportOpenLineage } from '../src/lineage/export-openlineage.js';
import { traceLineage } from '../src/lineage/trace-lineage.js';
import { validateOpenLineageEvent } from '../src/lineage/validate-openlineage-event.js';

const pool = await createPool({ connectionString: await useMigratedDatabase() });
afterAll(() => pool.close());

describe('lineage trace', () => {
  it('traces a feed through its ingestion and re-submission, and exports valid OpenLineage events', async () => {
    const input = {
      feed_type: 'FX_SPOT' as const,
      as_of_date: '2026-01-15',
      source: 'ecb',
      source_identifier: 'eurofxref-2026-01-15.xml',
      payload: {
        quotes: [
          { pair: 'EUR/USD', rate: '1.085' },
          { pair: 'EUR/JPY', rate: 'oops' },
        ],
      },
    };
    const first = await ingestFeed(pool, input);
    await ingestFeed(pool, input);
    const trace = await traceLineage(pool, first.feed.feed_id);
    expect(trace.feed?.feed_id).toBe(first.feed.feed_id);
    expect(trace.batch).toBeNull();
    expect(trace.records.map((r) => r.transformation_chain.at(-1))).toEqual([
      'store:market_data_feed',
      'deduplicate:existing-feed',
    ]);
    expect(trace.records.every((r) => r.source_identifier === 'eurofxref-2026-01-15.xml')).toBe(true);

    const events = await exportOpenLineage(pool, first.feed.feed_id);
    expect(events.map((event) => event.eventType)).toEqual(['START', 'FAIL', 'START', 'COMPLETE']);
    for (const event of events) expect(validateOpenLineageEvent(event)).toEqual([]);
    expect(events[1]).toMatchObject({
      eventType: 'FAIL',
      job: { name: 'ingest.fx_spot' },
      inputs: [{ namespace: 'ecb', name: 'eurofxref-2026-01-15.xml' }],
    });
    expect(events[0]?.run.runId).toBe(events[1]?.run.runId);
    const assertions = events[1]?.inputs[0]?.inputFacets?.dataQualityAssertions['assertions'];
    expect(assertions).toContainEqual({ assertion: 'RATE_POSITIVE', success: false, column: 'quotes.1.rate' });
    expect(assertions).toContainEqual({ assertion: 'PAIR_FORMAT', success: true });
  });

  it('names the id when no lineage exists', async () => {
    await expect(traceLineage(pool, 'no-such-feed')).rejects.toBeInstanceOf(NotFoundError);
    await expect(traceLineage(pool, 'no-such-feed')).rejects.toThrow("'no-such-feed'");
  });
});
