import type { DatabaseConnection } from '../connection/database-connection.js';
import { fxPairInput, idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import type { FxRate } from './fx-table.js';
import { loadFxTable } from './load-fx-table.js';
import { z } from 'zod';

const rateRequestSchema = z.strictObject({
  pair: z.union([fxPairInput, z.string().regex(/^([A-Z]{3})\/\1$/u)]),
  snapshotId: idInput,
});

/**
 * Units of QUOTE per one BASE for `pair` ('EUR/USD') in an FX snapshot: the stored quote, else the inverse of the
 * opposite quote, else triangulated through USD and then EUR. NotFoundError names the pair and snapshot when none works.
 */
export const fxRate = async (connection: DatabaseConnection, pair: string, snapshotId: string): Promise<FxRate> => {
  const request = parseInput(rateRequestSchema, { pair, snapshotId }, 'FX rate request');
  const [base, quote] = request.pair.split('/') as [string, string];
  return (await loadFxTable(connection, request.snapshotId)).rate(base, quote);
};
