import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { decimalInput, normalizeDecimal, type DecimalString } from '../types/decimal.js';
import { currencyInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { fxSnapshotSelectorInput, resolveFxSnapshot, type FxSnapshotSelector } from './fx-snapshot-selector.js';
import { loadFxTable } from './load-fx-table.js';

const convertRequestSchema = z.strictObject({
  amount: decimalInput,
  from: currencyInput,
  to: currencyInput,
  snapshot: fxSnapshotSelectorInput,
});

/**
 * `amount` of `from` expressed in `to` using an FX snapshot (an id, or `{ asOf: 'YYYY-MM-DD' }` for the snapshot in
 * force on that date), as an exact decimal string. Exact when the rate needs no division (direct quotes, also when
 * triangulated); otherwise rounded once, half-even, to 34 significant digits.
 */
export const fxConvert = async (
  connection: DatabaseConnection,
  amount: DecimalString | number | bigint,
  from: string,
  to: string,
  snapshot: FxSnapshotSelector,
): Promise<DecimalString> => {
  const request = parseInput(convertRequestSchema, { amount, from, to, snapshot }, 'FX conversion');
  const table = await loadFxTable(connection, await resolveFxSnapshot(connection, request.snapshot));
  return normalizeDecimal(table.convert(request.amount, request.from, request.to));
};
