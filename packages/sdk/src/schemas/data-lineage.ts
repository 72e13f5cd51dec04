import { z } from 'zod';
import {
  boolColumn,
  enumColumn,
  jsonObjectColumn,
  textArrayColumn,
  textColumn,
  timestamptzColumn,
} from '../types/column-types.js';
import { generatedIdInput, idInput, jsonObjectInput, timestampInput } from '../types/input-fields.js';
import { LINEAGE_FEED_TYPES } from './enums.js';

export const dataLineageRowSchema = z.object({
  lineage_id: textColumn(),
  feed_type: enumColumn(LINEAGE_FEED_TYPES),
  feed_id: textColumn(),
  source_system: textColumn(),
  source_identifier: textColumn().nullable(),
  ingested_at: timestamptzColumn(),
  transformation_chain: textArrayColumn(),
  quality_checks_passed: boolColumn(),
  metadata_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
});
export type DataLineageRow = z.infer<typeof dataLineageRowSchema>;

export const dataLineageCreateInputSchema = z.strictObject({
  lineage_id: generatedIdInput,
  feed_type: z.enum(LINEAGE_FEED_TYPES),
  feed_id: idInput,
  source_system: z.string().min(1, { error: 'must not be empty' }),
  source_identifier: z.string().min(1).nullish(),
  ingested_at: timestampInput.optional(),
  transformation_chain: z.array(z.string().min(1, { error: 'steps must not be empty' })).default([]),
  quality_checks_passed: z.boolean(),
  metadata_json: jsonObjectInput.default({}),
});
export type DataLineageCreateInput = z.input<typeof dataLineageCreateInputSchema>;
