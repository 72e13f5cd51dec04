import { z } from 'zod';
import { enumColumn, jsonObjectColumn, numericColumn, textColumn, timestamptzColumn } from '../types/column-types.js';
import { decimalInput } from '../types/decimal.js';
import { currencyInput, generatedIdInput, idInput, jsonObjectInput } from '../types/input-fields.js';
import { VALUATION_MEASURES, type ValuationMeasure } from './enums.js';

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

/** Measures without a currency; every other measure is an amount in an ISO 4217 currency. */
const UNITLESS_VALUATION_MEASURES: readonly ValuationMeasure[] = ['YIELD', 'SPREAD'];

/** One result of a run; the run is named once for all results (see recordValuationResults). */
const valuationResultInputSchema = z
  .strictObject({
    valuation_result_id: generatedIdInput,
    instrument_id: idInput,
    measure: z.enum(VALUATION_MEASURES),
    scenario_id: idInput.default('BASE'),
    value: decimalInput,
    currency: currencyInput.nullish(),
    metadata_json: jsonObjectInput.default({}),
  })
  .superRefine((result, context) => {
    const unitless = UNITLESS_VALUATION_MEASURES.includes(result.measure);
    if (unitless && result.currency != null) {
      context.addIssue({
        code: 'custom',
        path: ['currency'],
        message: `must be left out: ${result.measure} has no currency`,
      });
    } else if (!unitless && result.currency == null) {
      context.addIssue({ code: 'custom', path: ['currency'], message: `is required: ${result.measure} is an amount` });
    }
  });
export type ValuationResultInput = z.input<typeof valuationResultInputSchema>;

/** Results recorded together: at least one, each (instrument, measure, scenario) once. */
export const valuationResultListInputSchema = z
  .array(valuationResultInputSchema)
  .min(1, { error: 'must hold at least one result' })
  .superRefine((results, context) => {
    const seen = new Map<string, number>();
    results.forEach((result, index) => {
      const key = JSON.stringify([result.instrument_id, result.measure, result.scenario_id]);
      const first = seen.get(key);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [index],
          message:
            `repeats result ${first}: ` +
            `${result.measure} of ${result.instrument_id} in scenario ${result.scenario_id}`,
        });
      } else seen.set(key, index);
    });
  });
