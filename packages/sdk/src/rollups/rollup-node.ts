import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { FxTable } from '../fx/fx-table.js';
import { parseInput } from '../types/parse-input.js';
import { totalsFromSums } from './aggregate-rollup.js';
import { fetchNodeRollupInputs } from './fetch-rollup-inputs.js';
import { rollupRequestSchema, type RollupRequest } from './rollup-request.js';
import type { NodeRollup } from './rollup-types.js';

/**
 * Totals of a node's ACTIVE positions per base currency and converted into `reporting_ccy` through an FX snapshot: for
 * the node alone (`own`) and for its whole subtree (`subtree`). NotFoundError names a missing node or FX pair.
 */
export const rollupNode = async (connection: DatabaseConnection, input: RollupRequest): Promise<NodeRollup> => {
  const request = parseInput(rollupRequestSchema, input, 'rollup request');
  const { node, spots, sums } = await fetchNodeRollupInputs(connection, request.portfolio_node_id, request.fx_snapshot_id);
  if (!node) throw new NotFoundError('portfolio node', request.portfolio_node_id);
  const fx = new FxTable(request.fx_snapshot_id, spots);
  const ownSums = sums
    .filter((sum) => sum.own_position_count > 0)
    .map((sum) => ({
      base_ccy: sum.base_ccy,
      book_value: sum.own_book_value,
      position_count: sum.own_position_count,
      valued_count: sum.own_valued_count,
    }));
  return {
    portfolioNodeId: node.portfolio_node_id,
    parentId: node.parent_id,
    name: node.name,
    nodeType: node.node_type,
    depth: 0,
    own: totalsFromSums(ownSums, fx, request.reporting_ccy),
    subtree: totalsFromSums(sums, fx, request.reporting_ccy),
  };
};
