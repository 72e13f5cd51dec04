import { z } from 'zod';
import { enumColumn, jsonObjectColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { currencyInput, generatedIdInput, idInput, jsonObjectInput, nameInput } from '../types/input-fields.js';
import { ENTITY_TYPES } from './enums.js';

export const referenceDataRowSchema = z.object({
  entity_id: textColumn(),
  entity_type: enumColumn(ENTITY_TYPES),
  name: textColumn(),
  ticker: textColumn().nullable(),
  cusip: textColumn().nullable(),
  isin: textColumn().nullable(),
  sector: textColumn().nullable(),
  geography: textColumn().nullable(),
  currency: textColumn().nullable(),
  parent_entity_id: textColumn().nullable(),
  metadata_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type ReferenceDataRow = z.infer<typeof referenceDataRowSchema>;

/** Shape checks only (as the table's CHECKs); check digits and ISO 3166 codes are the reference-data module's job. */
export const referenceDataCreateInputSchema = z.strictObject({
  entity_id: generatedIdInput,
  entity_type: z.enum(ENTITY_TYPES),
  name: nameInput,
  ticker: z.string().min(1).nullish(),
  cusip: z
    .string()
    .regex(/^[0-9A-Z*@#]{8}[0-9]$/u, { error: 'must be 8 letters, digits or *@# and a check digit' })
    .nullish(),
  isin: z
    .string()
    .regex(/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/u, { error: 'must be 2 letters, 9 letters or digits and a check digit' })
    .nullish(),
  sector: z.string().min(1).nullish(),
  geography: z
    .string()
    .regex(/^[A-Z]{2}$/u, { error: 'must be an ISO 3166-1 alpha-2 code, e.g. US' })
    .nullish(),
  currency: currencyInput.nullish(),
  parent_entity_id: idInput.nullish(),
  metadata_json: jsonObjectInput.default({}),
});
export type ReferenceDataCreateInput = z.input<typeof referenceDataCreateInputSchema>;

export const referenceDataUpdateInputSchema = referenceDataCreateInputSchema
  .omit({ entity_id: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' });
export type ReferenceDataUpdateInput = z.input<typeof referenceDataUpdateInputSchema>;
