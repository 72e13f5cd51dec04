import { z } from 'zod';
import { currencyInput, idInput, isoDateInput } from '../types/input-fields.js';

const fxChoice = {
  /** The FX snapshot (fx_spot.snapshot_id) whose spots convert each base currency. */
  fx_snapshot_id: idInput.optional(),
  /** Instead of fx_snapshot_id: convert with the FX snapshot in force on this date (see fxSnapshotIdAsOf). */
  as_of: isoDateInput.optional(),
};

const oneFxChoice = <T extends { fx_snapshot_id?: string | undefined; as_of?: string | undefined }>(
  request: T,
  context: z.RefinementCtx,
) => {
  if ((request.fx_snapshot_id === undefined) === (request.as_of === undefined)) {
    context.addIssue({
      code: 'custom',
      path: ['fx_snapshot_id'],
      message: 'give exactly one of fx_snapshot_id and as_of',
    });
  }
};

const rollupRequestShape = z.strictObject({
  portfolio_node_id: idInput,
  /** Currency all totals are converted into, e.g. 'USD'. */
  reporting_ccy: currencyInput,
  ...fxChoice,
});

export const rollupRequestSchema = rollupRequestShape.superRefine(oneFxChoice);
export type RollupRequest = z.input<typeof rollupRequestSchema>;

export const treeRollupRequestSchema = rollupRequestShape.omit({ portfolio_node_id: true }).superRefine(oneFxChoice);
export type TreeRollupRequest = z.input<typeof treeRollupRequestSchema>;
