import { createHash } from 'node:crypto';
import type { LineageFeedType } from '../schemas/enums.js';
import { lineageMetadataSchema } from './lineage-metadata.js';

const openLineageRunEventSchemaUrl = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const dataQualityAssertionsSchemaUrl =
  'https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet';
/** Identifies iprs as the producer of the events; OpenLineage asks for a URI naming the software. */
const iprsOpenLineageProducer = 'https://github.com/iprs/iprs/tree/main/packages/sdk';
const transformationFacetSchemaUrl = `${iprsOpenLineageProducer}/README.md#openlineage-export`;

/** The data_lineage columns an event is built from (a DataLineageRow satisfies it). */
export interface LineageRecordLike {
  readonly lineage_id: string;
  readonly feed_type: LineageFeedType;
  readonly feed_id: string;
  readonly source_system: string;
  readonly source_identifier: string | null;
  readonly ingested_at: Date;
  readonly transformation_chain: readonly string[];
  readonly quality_checks_passed: boolean;
  readonly metadata_json: Record<string, unknown>;
}

export interface OpenLineageOptions {
  /** Namespace of the job and of the output datasets; `iprs` by default. */
  readonly namespace?: string;
  /** Namespace of the database the outputs live in, e.g. `postgres://db.example:5432/iprs`. */
  readonly outputNamespace?: string;
}

/** The OpenLineage RunEvent type as iprs emits it (a subset of what the spec allows). */
export interface OpenLineageRunEvent {
  readonly eventType: 'START' | 'COMPLETE' | 'FAIL';
  readonly eventTime: string;
  readonly producer: string;
  readonly schemaURL: string;
  readonly run: { readonly runId: string; readonly facets: Record<string, Record<string, unknown>> };
  readonly job: { readonly namespace: string; readonly name: string };
  readonly inputs: ReadonlyArray<{
    readonly namespace: string;
    readonly name: string;
    /** Only on the run's last event: the checks have run by then. */
    readonly inputFacets?: { readonly dataQualityAssertions: Record<string, unknown> };
  }>;
  readonly outputs: ReadonlyArray<{ readonly namespace: string; readonly name: string }>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How the run of a lineage record ended: FAIL when it was rolled back (a batch that wrote nothing, its chain ending in
 * `rollback`) or its data was rejected (a feed whose validation_status is FAIL, so nothing was populated); otherwise
 * COMPLETE — also when some checks failed but the run went through, as in a COMPLETED batch that skipped bad rows:
 * those failures are in the dataQualityAssertions facet, not in the event type.
 */
function lineageRunOutcome(
  record: Pick<LineageRecordLike, 'transformation_chain' | 'metadata_json'>,
): 'COMPLETE' | 'FAIL' {
  const rolledBack = record.transformation_chain.includes('rollback');
  const rejected = record.metadata_json['validation_status'] === 'FAIL';
  return rolledBack || rejected ? 'FAIL' : 'COMPLETE';
}

/**
 * The event that ends the run of one lineage record, as an OpenLineage 2-0-2 RunEvent: the ingestion is the run of
 * job `ingest.<feed type>`, the source is the input dataset carrying the dataQualityAssertions facet, the tables
 * written are the outputs; COMPLETE or FAIL as lineageRunOutcome says.
 */
export function toOpenLineageRunEvent(
  record: LineageRecordLike,
  options: OpenLineageOptions = {},
): OpenLineageRunEvent {
  const namespace = options.namespace ?? 'iprs';
  const metadata = lineageMetadataSchema.parse(record.metadata_json);
  const start = toOpenLineageStartEvent(record, record.ingested_at, options);
  return {
    ...start,
    eventType: lineageRunOutcome(record),
    eventTime: record.ingested_at.toISOString(),
    inputs: start.inputs.map((input) => ({
      ...input,
      inputFacets: {
        dataQualityAssertions: {
          _producer: iprsOpenLineageProducer,
          _schemaURL: dataQualityAssertionsSchemaUrl,
          assertions: metadata.assertions,
        },
      },
    })),
    outputs: metadata.outputs.map((table) => ({ namespace: options.outputNamespace ?? namespace, name: table })),
  };
}

/**
 * The run of one lineage record as OpenLineage events in the order it lived them: START (at `startedAt`, e.g. when
 * its batch started; the record's ingested_at when not given or later), then COMPLETE or FAIL (at ingested_at).
 */
export function toOpenLineageRunEvents(
  record: LineageRecordLike,
  options: OpenLineageOptions & { readonly startedAt?: Date } = {},
): [OpenLineageRunEvent, OpenLineageRunEvent] {
  const startedAt =
    options.startedAt !== undefined && options.startedAt <= record.ingested_at ? options.startedAt : record.ingested_at;
  return [toOpenLineageStartEvent(record, startedAt, options), toOpenLineageRunEvent(record, options)];
}

/** START: the run, its job and its input, with no outputs or quality results yet. */
function toOpenLineageStartEvent(
  record: LineageRecordLike,
  startedAt: Date,
  options: OpenLineageOptions,
): OpenLineageRunEvent {
  const metadata = lineageMetadataSchema.parse(record.metadata_json);
  return {
    eventType: 'START',
    eventTime: startedAt.toISOString(),
    producer: iprsOpenLineageProducer,
    schemaURL: openLineageRunEventSchemaUrl,
    run: {
      runId: runIdOf(record.lineage_id),
      facets: {
        iprs_ingestion: {
          _producer: iprsOpenLineageProducer,
          _schemaURL: transformationFacetSchemaUrl,
          lineageId: record.lineage_id,
          feedId: record.feed_id,
          feedType: record.feed_type,
          transformationChain: [...record.transformation_chain],
          ...(metadata.parent_batch_id === undefined ? {} : { parentBatchId: metadata.parent_batch_id }),
        },
      },
    },
    job: { namespace: options.namespace ?? 'iprs', name: `ingest.${record.feed_type.toLowerCase()}` },
    inputs: [{ namespace: record.source_system, name: record.source_identifier ?? record.feed_id }],
    outputs: [],
  };
}

/** OpenLineage wants a UUID run id; ids that are not UUIDs map to a stable name-based one (RFC 9562 v8 layout). */
function runIdOf(lineageId: string): string {
  if (uuidPattern.test(lineageId)) return lineageId.toLowerCase();
  const hex = createHash('sha256').update(lineageId).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
