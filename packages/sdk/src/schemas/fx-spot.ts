import { z } from 'zod';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';
import { dateColumn, numericColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { positiveDecimalInput } from '../types/decimal.js';
import { fxPairInput, idInput, isoDateInput } from '../types/input-fields.js';

export const fxSpotRowSchema = z.object({
  pair: textColumn(),
  snapshot_id: textColumn(),
  spot_rate: numericColumn(),
  as_of_date: dateColumn(),
  source: textColumn(),
  created_at: timestamptzColumn(),
});
export type FxSpotRow = z.infer<typeof fxSpotRowSchema>;

/** One quote: `spot_rate` units of the pair's QUOTE currency per one BASE. */
const fxSpotQuoteInputSchema = z.strictObject({
  pair: fxPairInput.refine((pair) => pair.split('/').every(isIsoCurrencyCode), {
    error: 'must join two ISO 4217 currency codes',
  }),
  spot_rate: positiveDecimalInput,
});
export type FxSpotQuoteInput = z.input<typeof fxSpotQuoteInputSchema>;

/** All spots of one FX snapshot, written together. */
export const fxSnapshotInputSchema = z
  .strictObject({
    snapshot_id: idInput,
    as_of_date: isoDateInput,
    source: z.string().min(1, { error: 'must not be empty' }),
    spots: z.array(fxSpotQuoteInputSchema).min(1, { error: 'must hold at least one spot' }),
  })
  .superRefine((snapshot, context) => {
    const seen = new Set<string>();
    snapshot.spots.forEach((spot, index) => {
      if (seen.has(spot.pair)) {
        context.addIssue({
          code: 'custom',
          path: ['spots', index, 'pair'],
          message: `pair ${spot.pair} appears twice`,
        });
      }
      seen.add(spot.pair);
    });
  });
export type FxSnapshotInput = z.input<typeof fxSnapshotInputSchema>;
