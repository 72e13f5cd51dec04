import { z } from 'zod';
import { dateColumn, enumColumn, jsonObjectColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { generatedIdInput, idInput, isoDateInput, jsonObjectInput } from '../types/input-fields.js';
import { RATING_AGENCIES, RATING_OUTLOOKS } from './enums.js';

export const ratingHistoryRowSchema = z.object({
  rating_id: textColumn(),
  entity_id: textColumn(),
  agency: enumColumn(RATING_AGENCIES),
  rating: textColumn(),
  outlook: enumColumn(RATING_OUTLOOKS).nullable(),
  as_of_date: dateColumn(),
  effective_date: dateColumn(),
  metadata_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
});
export type RatingHistoryRow = z.infer<typeof ratingHistoryRowSchema>;

/** Shape only; whether `rating` is on the agency's scale is the ratings module's job. */
export const ratingHistoryCreateInputSchema = z.strictObject({
  rating_id: generatedIdInput,
  entity_id: idInput,
  agency: z.enum(RATING_AGENCIES),
  rating: z.string().min(1, { error: 'must not be empty' }),
  outlook: z.enum(RATING_OUTLOOKS).nullish(),
  as_of_date: isoDateInput,
  effective_date: isoDateInput,
  metadata_json: jsonObjectInput.default({}),
});
export type RatingHistoryCreateInput = z.input<typeof ratingHistoryCreateInputSchema>;
