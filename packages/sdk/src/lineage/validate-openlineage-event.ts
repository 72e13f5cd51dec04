import { createRequire } from 'node:module';
import type AjvModule from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';
import runEventSchema from './openlineage-2-0-2-run-event.schema.json' with { type: 'json' };

/** One way an event breaks the OpenLineage RunEvent schema. */
export interface OpenLineageSchemaIssue {
  /** JSON Pointer into the event, e.g. `/run/runId`. */
  readonly path: string;
  readonly message: string;
}

let compiled: ValidateFunction | undefined;

const isoDateTime = z.iso.datetime({ offset: true });
const anyUuid = z.guid();

/**
 * The three formats the RunEvent schema uses, checked by zod and the WHATWG URL parser (both already here) rather than
 * ajv-formats, one package more in every install: a timestamp with its offset, an absolute URI, an 8-4-4-4-12 UUID.
 */
const schemaFormats: Readonly<Record<string, (value: string) => boolean>> = {
  'date-time': (value) => isoDateTime.safeParse(value).success,
  uri: (value) => URL.canParse(value),
  uuid: (value) => anyUuid.safeParse(value).success,
};

/**
 * Loaded and compiled on first use: ajv and the compiled schema cost more start-up time than the rest of the SDK, and
 * only callers that validate events need them (ajv is CommonJS, so `require` keeps this function synchronous).
 */
function runEventValidator(): ValidateFunction {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const Ajv = (require('ajv/dist/2020.js') as typeof AjvModule).default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [name, check] of Object.entries(schemaFormats)) ajv.addFormat(name, check);
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
