import { z } from 'zod';
import {
  dateColumn,
  enumColumn,
  jsonArrayColumn,
  jsonColumn,
  textColumn,
  timestamptzColumn,
} from '../types/column-types.js';
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
