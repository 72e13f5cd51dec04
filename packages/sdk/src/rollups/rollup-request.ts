import { z } from 'zod';
import { currencyInput, idInput } from '../types/input-fields.js';

export const rollupRequestSchema = z.strictObject({
  portfolio_node_id: idInput,
  /** Currency all totals are converted into, e.g. 'USD'. */
  reporting_ccy: currencyInput,
  /** The FX snapshot (fx_spot.snapshot_id) whose spots convert each base currency. */
  fx_snapshot_id: idInput,
});
export type RollupRequest = z.input<typeof rollupRequestSchema>;

export const treeRollupRequestSchema = rollupRequestSchema.omit({ portfolio_node_id: true });
export type TreeRollupRequest = z.input<typeof treeRollupRequestSchema>;
