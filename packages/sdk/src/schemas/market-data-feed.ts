import { z } from 'zod';
import {
  dateColumn,
  enumColumn,
  jsonArrayColumn,
  jsonColumn,
  textColumn,
  timestamptzColumn,
} from '../types/column-types.js';
import { generatedIdInput, isoDateInput, sha256HexInput } from '../types/input-fields.js';
import { FEED_TYPES, VALIDATION_STATUSES } from './enums.js';

export const marketDataFeedRowSchema = z.object({
  feed_id: textColumn(),
  feed_type: enumColumn(FEED_TYPES),
  as_of_date: dateColumn(),
  source: textColumn(),
  payload_json: jsonColumn(),
  payload_hash: textColumn(),
  validation_status: enumColumn(VALIDATION_STATUSES),
  validation_findings_json: jsonArrayColumn(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type MarketDataFeedRow = z.infer<typeof marketDataFeedRowSchema>;

/** The row as written; the feeds module computes payload_hash (SHA-256 of the canonical payload). */
export const marketDataFeedInsertSchema = z.strictObject({
  feed_id: generatedIdInput,
  feed_type: z.enum(FEED_TYPES),
  as_of_date: isoDateInput,
  source: z.string().min(1, { error: 'must not be empty' }),
  payload_json: z.json(),
  payload_hash: sha256HexInput,
  validation_status: z.enum(VALIDATION_STATUSES).default('PENDING'),
  validation_findings_json: z.array(z.json()).default([]),
});
export type MarketDataFeedInsert = z.input<typeof marketDataFeedInsertSchema>;

export const marketDataFeedValidationUpdateSchema = z.strictObject({
  validation_status: z.enum(VALIDATION_STATUSES),
  validation_findings_json: z.array(z.json()).default([]),
});
export type MarketDataFeedValidationUpdate = z.input<typeof marketDataFeedValidationUpdateSchema>;
