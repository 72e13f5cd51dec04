import { z } from 'zod';
import { enumColumn, jsonObjectColumn, numericColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { decimalInput } from '../types/decimal.js';
import { currencyInput, generatedIdInput, idInput, jsonObjectInput } from '../types/input-fields.js';
import { VALUATION_MEASURES } from './enums.js';

export const valuationResultRowSchema = z.object({
  valuation_result_id: textColumn(),
  run_id: textColumn(),
  instrument_id: textColumn(),
  measure: enumColumn(VALUATION_MEASURES),
  scenario_id: textColumn(),
  value: numericColumn(),
  currency: textColumn().nullable(),
  metadata_json: jsonObjectColumn(),
  created_at: timestamptzColumn(),
});
export type ValuationResultRow = z.infer<typeof valuationResultRowSchema>;

export const valuationResultCreateInputSchema = z.strictObject({
  valuation_result_id: generatedIdInput,
  run_id: idInput,
  instrument_id: idInput,
  measure: z.enum(VALUATION_MEASURES),
  scenario_id: idInput.default('BASE'),
  value: decimalInput,
  currency: currencyInput.nullish(),
  metadata_json: jsonObjectInput.default({}),
});
export type ValuationResultCreateInput = z.input<typeof valuationResultCreateInputSchema>;
