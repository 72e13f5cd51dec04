import { z } from 'zod';
import { dateColumn, enumColumn, jsonObjectColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { generatedIdInput, idInput, isoDateInput, jsonObjectInput, timestampInput } from '../types/input-fields.js';
import { RUN_STATUSES, RUN_TYPES } from './enums.js';

export const runRowSchema = z.object({
  run_id: textColumn(),
  run_type: enumColumn(RUN_TYPES),
  as_of_date: dateColumn(),
  status: enumColumn(RUN_STATUSES),
  market_snapshot_id: textColumn().nullable(),
  config_json: jsonObjectColumn(),
  started_at: timestamptzColumn().nullable(),
  completed_at: timestamptzColumn().nullable(),
  created_by: textColumn().nullable(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type RunRow = z.infer<typeof runRowSchema>;

export const runCreateInputSchema = z.strictObject({
  run_id: generatedIdInput,
  run_type: z.enum(RUN_TYPES),
  as_of_date: isoDateInput,
  status: z.enum(RUN_STATUSES).default('PENDING'),
  market_snapshot_id: idInput.nullish(),
  config_json: jsonObjectInput.default({}),
  started_at: timestampInput.nullish(),
  completed_at: timestampInput.nullish(),
  created_by: z.string().min(1).nullish(),
});
export type RunCreateInput = z.input<typeof runCreateInputSchema>;

export const runStatusUpdateInputSchema = z.strictObject({
  status: z.enum(RUN_STATUSES),
  started_at: timestampInput.nullish(),
  completed_at: timestampInput.nullish(),
});
export type RunStatusUpdateInput = z.input<typeof runStatusUpdateInputSchema>;
