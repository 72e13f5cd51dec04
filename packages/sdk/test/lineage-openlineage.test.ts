import { describe, expect, it } from 'vitest';
import { toOpenLineageRunEvent, type LineageRecordLike } from '../src/lineage/openlineage-run-event.js';
import { validateOpenLineageEvent } from '../src/lineage/validate-openlineage-event.js';

const record: LineageRecordLike = {
  lineage_id: '5a0f1c52-1b7e-4a55-9d7a-7f3c4c2a9e10',
  feed_type: 'FX_SPOT',
  feed_id: 'feed-1',
  source_system: 'bloomberg',
  source_identifier: 'BFIX 2026-01-15 16:00',
  ingested_at: new Date('2026-01-15T16:05:00Z'),
  transformation_chain: ['parse', 'validate:FX_SPOT', 'store:market_data_feed', 'populate:fx_spot'],
  quality_checks_passed: true,
  metadata_json: {
    outputs: ['public.market_data_feed', 'public.fx_spot'],
    assertions: [
      { assertion: 'RATE_POSITIVE', success: true },
      { assertion: 'TRIANGULATION', success: false, column: 'quotes.2.rate' },
    ],
  },
};

describe('OpenLineage export', () => {
  it('builds a RunEvent that the OpenLineage 2-0-2 schema accepts', () => {
    const event = toOpenLineageRunEvent(record);
    expect(validateOpenLineageEvent(event)).toEqual([]);
    expect(event).toMatchObject({
      eventType: 'COMPLETE',
      eventTime: '2026-01-15T16:05:00.000Z',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: {
        runId: record.lineage_id,
        facets: { iprs_ingestion: { transformationChain: record.transformation_chain } },
      },
      job: { namespace: 'iprs', name: 'ingest.fx_spot' },
      inputs: [{ namespace: 'bloomberg', name: 'BFIX 2026-01-15 16:00' }],
      outputs: [{ name: 'public.market_data_feed' }, { name: 'public.fx_spot' }],
    });
    expect(event.inputs[0]?.inputFacets?.dataQualityAssertions['assertions']).toHaveLength(2);
  });

  it('emits FAIL for a rejected feed and maps a non-UUID id to a stable UUID', () => {
    const rejected = { ...record, metadata_json: { ...record.metadata_json, validation_status: 'FAIL' } };
    const event = toOpenLineageRunEvent({ ...rejected, lineage_id: 'batch-42', quality_checks_passed: false });
    expect(event.eventType).toBe('FAIL');
    expect(event.run.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(toOpenLineageRunEvent({ ...record, lineage_id: 'batch-42' }).run.runId).toBe(event.run.runId);
    expect(validateOpenLineageEvent(event)).toEqual([]);
  });

  it('the schema refuses events that break the spec', () => {
    const event = toOpenLineageRunEvent(record);
    expect(validateOpenLineageEvent({ ...event, run: { runId: 'not-a-uuid' } })).toContainEqual({
      path: '/run/runId',
      message: 'must match format "uuid"',
    });
    expect(validateOpenLineageEvent({ ...event, eventType: 'DONE' }).map((i) => i.path)).toContain('/eventType');
    for (const eventTime of ['2026-01-15', '2026-01-15T16:05:00', 'yesterday']) {
      expect(validateOpenLineageEvent({ ...event, eventTime })).toContainEqual({
        path: '/eventTime',
        message: 'must match format "date-time"',
      });
    }
    expect(validateOpenLineageEvent({ ...event, eventTime: '2026-01-15T16:05:00+01:00' })).toEqual([]);
    for (const producer of ['iprs', '/relative/path', 'not a uri']) {
      expect(validateOpenLineageEvent({ ...event, producer })).toContainEqual({
        path: '/producer',
        message: 'must match format "uri"',
      });
    }
    const { producer: _dropped, ...withoutProducer } = event;
    expect(validateOpenLineageEvent(withoutProducer)).toContainEqual({
      path: '',
      message: "must have required property 'producer'",
    });
    const badFacet = structuredClone(event) as unknown as {
      inputs: Array<{ inputFacets: { dataQualityAssertions: { assertions: unknown[] } } }>;
    };
    badFacet.inputs[0]!.inputFacets.dataQualityAssertions.assertions = [{ assertion: 'X' }];
    expect(validateOpenLineageEvent(badFacet).map((i) => i.message)).toContain("must have required property 'success'");
  });
});
