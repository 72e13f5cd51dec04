import { z } from 'zod';
import { enumColumn, jsonObjectColumn, numericColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { decimalInput } from '../types/decimal.js';
import { currencyInput, generatedIdInput, idInput, jsonObjectInput } from '../types/input-fields.js';
import { POSITION_STATUSES } from './enums.js';

export const positionRowSchema = z.object({
  position_id: textColumn(),
  portfolio_node_id: textColumn(),
  instrument_id: textColumn(),
  quantity: numericColumn(),
  base_ccy: textColumn(),
  cost_basis: numericColumn().nullable(),
  book_value: numericColumn().nullable(),
  tags_json: jsonObjectColumn(),
  status: enumColumn(POSITION_STATUSES),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type PositionRow = z.infer<typeof positionRowSchema>;

/**
 * Create or upsert (by position_id) one position. `book_value` is what rollups total. `status` left out means ACTIVE
 * for a new position and, on upsert, the stored status unchanged (an upsert never reopens a closed or deleted position
 * unless asked to).
 */
export const positionInputSchema = z.strictObject({
  position_id: generatedIdInput,
  portfolio_node_id: idInput,
  instrument_id: idInput,
  quantity: decimalInput,
  base_ccy: currencyInput,
  cost_basis: decimalInput.nullable().default(null),
  book_value: decimalInput.nullable().default(null),
  tags_json: jsonObjectInput.default({}),
  status: z.enum(POSITION_STATUSES).optional(),
});
export type PositionInput = z.input<typeof positionInputSchema>;
export type ParsedPositionInput = z.output<typeof positionInputSchema>;
