import type { DatabaseConnection } from '../connection/database-connection.js';
import { parseInput } from '../types/parse-input.js';
import { aggregateRollup } from './aggregate-rollup.js';
import { fetchNodeCurrencySums, fetchRollupNodes } from './fetch-rollup-inputs.js';
import { readConsistently } from './read-consistently.js';
import { rollupFxTable } from './rollup-fx-table.js';
import { treeRollupRequestSchema, type TreeRollupRequest } from './rollup-request.js';
import type { RollupResult } from './rollup-types.js';

/** `own` and `subtree` totals for every node of every tree (roots at depth 0, parents first). */
export const rollupTree = async (connection: DatabaseConnection, input: TreeRollupRequest): Promise<RollupResult> => {
  const request = parseInput(treeRollupRequestSchema, input, 'tree rollup request');
  return readConsistently(connection, async (reader) => {
    const nodes = await fetchRollupNodes(reader, null);
    const fx = await rollupFxTable(reader, request);
    const sums = await fetchNodeCurrencySums(reader, null);
    return {
      reportingCurrency: request.reporting_ccy,
      fxSnapshotId: fx.snapshotId,
      asOf: request.as_of ?? null,
      nodes: aggregateRollup(nodes, sums, fx, request.reporting_ccy),
    };
  });
};
