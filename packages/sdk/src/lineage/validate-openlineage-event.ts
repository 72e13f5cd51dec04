import AjvModule from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import runEventSchema from './openlineage-2-0-2-run-event.schema.json' with { type: 'json' };

/** One way an event breaks the OpenLineage RunEvent schema. */
export interface OpenLineageSchemaIssue {
  /** JSON Pointer into the event, e.g. `/run/runId`. */
  readonly path: string;
  readonly message: string;
}

const ajv = new AjvModule.default({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
const validateRunEvent = ajv.compile(runEventSchema);

/** Checks an event against the OpenLineage 2-0-2 RunEvent schema (see the schema file for its provenance). */
export function validateOpenLineageEvent(event: unknown): readonly OpenLineageSchemaIssue[] {
  if (validateRunEvent(event)) return [];
  return (validateRunEvent.errors ?? []).map((error) => ({
    path: error.instancePath,
    message: error.message ?? error.keyword,
  }));
}
