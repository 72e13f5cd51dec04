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

/** A new run; it starts PENDING and moves on with transitionRun. */
export const runCreateInputSchema = z.strictObject({
  run_id: generatedIdInput,
  run_type: z.enum(RUN_TYPES),
  as_of_date: isoDateInput,
  market_snapshot_id: idInput.nullish(),
  config_json: jsonObjectInput.default({}),
  created_by: z.string().min(1, { error: 'must not be empty' }).nullish(),
});
export type RunCreateInput = z.input<typeof runCreateInputSchema>;

/**
 * Moving a run on. `started_at` (for RUNNING) and `completed_at` (for COMPLETED or FAILED) default to now; each may
 * only come with the status it stamps.
 */
export const runStatusUpdateInputSchema = z
  .strictObject({
    status: z.enum(RUN_STATUSES),
    started_at: timestampInput.optional(),
    completed_at: timestampInput.optional(),
  })
  .superRefine((update, context) => {
    if (update.started_at !== undefined && update.status !== 'RUNNING') {
      context.addIssue({
        code: 'custom',
        path: ['started_at'],
        message: 'may only be given when the status becomes RUNNING',
      });
    }
    if (update.completed_at !== undefined && update.status !== 'COMPLETED' && update.status !== 'FAILED') {
      context.addIssue({
        code: 'custom',
        path: ['completed_at'],
        message: 'may only be given when the status becomes COMPLETED or FAILED',
      });
    }
  });
export type RunStatusUpdateInput = z.input<typeof runStatusUpdateInputSchema>;
