import { z } from 'zod';
import { enumColumn, jsonObjectColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { generatedIdInput, idInput, jsonObjectInput, nameInput } from '../types/input-fields.js';
import { NODE_TYPES } from './enums.js';

export const portfolioNodeRowSchema = z.object({
  portfolio_node_id: textColumn(),
  parent_id: textColumn().nullable(),
  name: textColumn(),
  node_type: enumColumn(NODE_TYPES),
  tags_json: jsonObjectColumn(),
  metadata_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type PortfolioNodeRow = z.infer<typeof portfolioNodeRowSchema>;

export const portfolioNodeCreateInputSchema = z.strictObject({
  portfolio_node_id: generatedIdInput,
  parent_id: idInput.nullable().default(null),
  name: nameInput,
  node_type: z.enum(NODE_TYPES),
  tags_json: jsonObjectInput.default({}),
  metadata_json: jsonObjectInput.default({}),
});
export type PortfolioNodeCreateInput = z.input<typeof portfolioNodeCreateInputSchema>;

export const portfolioNodeRenameInputSchema = z.strictObject({ portfolio_node_id: idInput, name: nameInput });
export type PortfolioNodeRenameInput = z.input<typeof portfolioNodeRenameInputSchema>;

export const portfolioNodeMoveInputSchema = z.strictObject({
  portfolio_node_id: idInput,
  /** The new parent; `null` makes the node a root (only FUNDs may be roots). */
  parent_id: idInput.nullable(),
});
export type PortfolioNodeMoveInput = z.input<typeof portfolioNodeMoveInputSchema>;
