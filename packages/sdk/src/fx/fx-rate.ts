import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { fxPairInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { fxSnapshotSelectorInput, resolveFxSnapshot, type FxSnapshotSelector } from './fx-snapshot-selector.js';
import type { FxRate } from './fx-table.js';
import { loadFxTable } from './load-fx-table.js';

const rateRequestSchema = z.strictObject({
  pair: z.union([fxPairInput, z.string().regex(/^([A-Z]{3})\/\1$/u)]),
  snapshot: fxSnapshotSelectorInput,
});

/**
 * Units of QUOTE per one BASE for `pair` ('EUR/USD') in an FX snapshot (an id, or `{ asOf }` for the snapshot in force
 * on a date; the result names the snapshot used): the stored quote, else the inverse of the opposite quote, else
 * triangulated through USD and then EUR. NotFoundError names the pair and snapshot when none works.
 */
export const fxRate = async (
  connection: DatabaseConnection,
  pair: string,
  snapshot: FxSnapshotSelector,
): Promise<FxRate> => {
  const request = parseInput(rateRequestSchema, { pair, snapshot }, 'FX rate request');
  const [base, quote] = request.pair.split('/') as [string, string];
  return (await loadFxTable(connection, await resolveFxSnapshot(connection, request.snapshot))).rate(base, quote);
};
