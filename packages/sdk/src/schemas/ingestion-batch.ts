import { z } from 'zod';
import { enumColumn, int8Column, jsonArrayColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { generatedIdInput, sha256HexInput } from '../types/input-fields.js';
import { BATCH_STATUSES, BATCH_TYPES } from './enums.js';

export const ingestionBatchRowSchema = z.object({
  batch_id: textColumn(),
  batch_type: enumColumn(BATCH_TYPES),
  source_file: textColumn().nullable(),
  source_file_hash: textColumn().nullable(),
  record_count: int8Column(),
  validation_errors_json: jsonArrayColumn(),
  status: enumColumn(BATCH_STATUSES),
  started_at: timestamptzColumn(),
  completed_at: timestamptzColumn().nullable(),
  created_by: textColumn().nullable(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type IngestionBatchRow = z.infer<typeof ingestionBatchRowSchema>;

const recordCountInput = z
  .union([z.number().int({ error: 'must be a whole number' }), z.bigint()])
  .transform((value) => BigInt(value))
  .refine((value) => value >= 0n, { error: 'must not be negative' });

export const ingestionBatchCreateInputSchema = z.strictObject({
  batch_id: generatedIdInput,
  batch_type: z.enum(BATCH_TYPES),
  source_file: z.string().min(1).nullish(),
  source_file_hash: sha256HexInput.nullish(),
  record_count: recordCountInput.default(0n),
  created_by: z.string().min(1).nullish(),
});
export type IngestionBatchCreateInput = z.input<typeof ingestionBatchCreateInputSchema>;

/** Moving a batch on; COMPLETED and FAILED are terminal and stamp completed_at (the table's CHECK demands it). */
export const ingestionBatchStatusUpdateSchema = z.strictObject({
  status: z.enum(BATCH_STATUSES),
  record_count: recordCountInput.optional(),
  validation_errors_json: z.array(z.json()).optional(),
});
export type IngestionBatchStatusUpdate = z.input<typeof ingestionBatchStatusUpdateSchema>;
