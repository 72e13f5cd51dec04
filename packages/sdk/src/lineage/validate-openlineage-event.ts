import { createRequire } from 'node:module';
import type AjvModule from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import runEventSchema from './openlineage-2-0-2-run-event.schema.json' with { type: 'json' };

/** One way an event breaks the OpenLineage RunEvent schema. */
export interface OpenLineageSchemaIssue {
  /** JSON Pointer into the event, e.g. `/run/runId`. */
  readonly path: string;
  readonly message: string;
}

let compiled: ValidateFunction | undefined;

/**
 * Loaded and compiled on first use: ajv and the compiled schema cost more start-up time than the rest of the SDK, and
 * only callers that validate events need them (ajv is CommonJS, so `require` keeps this function synchronous).
 */
function runEventValidator(): ValidateFunction {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const Ajv = (require('ajv/dist/2020.js') as typeof AjvModule).default;
    const addFormats = (require('ajv-formats') as typeof addFormatsModule).default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(runEventSchema);
  }
  return compiled;
}

/** Checks an event against the OpenLineage 2-0-2 RunEvent schema (see the schema file for its provenance). */
export function validateOpenLineageEvent(event: unknown): readonly OpenLineageSchemaIssue[] {
  const validateRunEvent = runEventValidator();
  if (validateRunEvent(event)) return [];
  return (validateRunEvent.errors ?? []).map((error) => ({
    path: error.instancePath,
    message: error.message ?? error.keyword,
  }));
}
