export { exportOpenLineage } from './export-openlineage.js';
export { lineageAssertionSchema, lineageMetadataSchema, type LineageAssertion, type LineageMetadata } from './lineage-metadata.js';
export {
  dataQualityAssertionsSchemaUrl,
  iprsOpenLineageProducer,
  lineageRunOutcome,
  openLineageRunEventSchemaUrl,
  toOpenLineageRunEvent,
  toOpenLineageRunEvents,
  type LineageRecordLike,
  type OpenLineageOptions,
  type OpenLineageRunEvent,
} from './openlineage-run-event.js';
export { recordLineage } from './record-lineage.js';
export { traceLineage, type LineageTrace } from './trace-lineage.js';
export { validateOpenLineageEvent, type OpenLineageSchemaIssue } from './validate-openlineage-event.js';
