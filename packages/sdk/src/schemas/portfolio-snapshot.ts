import { z } from 'zod';
import { dateColumn, jsonColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { generatedIdInput, idInput, isoDateInput } from '../types/input-fields.js';

export const portfolioSnapshotRowSchema = z.object({
  snapshot_id: textColumn(),
  portfolio_node_id: textColumn(),
  as_of_date: dateColumn(),
  payload_json: jsonColumn(),
  payload_hash: textColumn(),
  created_at: timestamptzColumn(),
});
export type PortfolioSnapshotRow = z.infer<typeof portfolioSnapshotRowSchema>;

/** What a caller asks for: the payload is computed from the node's subtree positions, never supplied. */
export const portfolioSnapshotTakeInputSchema = z.strictObject({
  portfolio_node_id: idInput,
  as_of_date: isoDateInput,
  snapshot_id: generatedIdInput,
});
export type PortfolioSnapshotTakeInput = z.input<typeof portfolioSnapshotTakeInputSchema>;

export const portfolioSnapshotRangeInputSchema = z
  .strictObject({ portfolio_node_id: idInput, from: isoDateInput, to: isoDateInput })
  .refine((range) => range.from <= range.to, { error: 'from must not be after to', path: ['from'] });
export type PortfolioSnapshotRangeInput = z.input<typeof portfolioSnapshotRangeInputSchema>;
