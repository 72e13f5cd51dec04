import { z } from 'zod';
import { dateColumn, enumColumn, jsonObjectColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { currencyInput, idInput, isoDateInput, jsonObjectInput, nameInput } from '../types/input-fields.js';
import { INSTRUMENT_TYPES } from './enums.js';

export const instrumentRowSchema = z.object({
  instrument_id: textColumn(),
  instrument_type: enumColumn(INSTRUMENT_TYPES),
  name: textColumn(),
  currency: textColumn(),
  isin: textColumn().nullable(),
  cusip: textColumn().nullable(),
  issuer_entity_id: textColumn().nullable(),
  maturity_date: dateColumn().nullable(),
  terms_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
  updated_at: timestamptzColumn(),
});
export type InstrumentRow = z.infer<typeof instrumentRowSchema>;

export const instrumentCreateInputSchema = z.strictObject({
  instrument_id: idInput,
  instrument_type: z.enum(INSTRUMENT_TYPES),
  name: nameInput,
  currency: currencyInput,
  isin: z.string().min(1).nullish(),
  cusip: z.string().min(1).nullish(),
  issuer_entity_id: idInput.nullish(),
  maturity_date: isoDateInput.nullish(),
  terms_json: jsonObjectInput.default({}),
});
export type InstrumentCreateInput = z.input<typeof instrumentCreateInputSchema>;
