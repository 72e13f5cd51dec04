import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { parseInput } from '../types/parse-input.js';
import { aggregateRollup } from './aggregate-rollup.js';
import { fetchNodeCurrencySums, fetchRollupNodes } from './fetch-rollup-inputs.js';
import { readConsistently } from './read-consistently.js';
import { rollupFxTable } from './rollup-fx-table.js';
import { rollupRequestSchema, type RollupRequest } from './rollup-request.js';
import type { RollupResult } from './rollup-types.js';

/** `own` and `subtree` totals for every node of the subtree rooted at `portfolio_node_id` (parents first). */
export const rollupSubtree = async (connection: DatabaseConnection, input: RollupRequest): Promise<RollupResult> => {
  const request = parseInput(rollupRequestSchema, input, 'rollup request');
  return readConsistently(connection, async (reader) => {
    const nodes = await fetchRollupNodes(reader, request.portfolio_node_id);
    if (nodes.length === 0) throw new NotFoundError('portfolio node', request.portfolio_node_id);
    const fx = await rollupFxTable(reader, request);
    const sums = await fetchNodeCurrencySums(reader, request.portfolio_node_id);
    return {
      reportingCurrency: request.reporting_ccy,
      fxSnapshotId: fx.snapshotId,
      asOf: request.as_of ?? null,
      nodes: aggregateRollup(nodes, sums, fx, request.reporting_ccy),
    };
  });
};
