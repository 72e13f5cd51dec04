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
 * the node alone (`own`) and for its whole subtree (`subtree`); the snapshot is `fx_snapshot_id`, or the one in force on
 * `as_of`. NotFoundError names a missing node, FX snapshot or FX pair.
 */
export const rollupNode = async (connection: DatabaseConnection, input: RollupRequest): Promise<NodeRollup> => {
  const request = parseInput(rollupRequestSchema, input, 'rollup request');
  const fxChoice =
    request.fx_snapshot_id === undefined ? { asOf: request.as_of as string } : { snapshotId: request.fx_snapshot_id };
  const {
    node,
    fx_snapshot_id: fxSnapshotId,
    spots,
    sums,
  } = await fetchNodeRollupInputs(connection, request.portfolio_node_id, fxChoice);
  if (!node) throw new NotFoundError('portfolio node', request.portfolio_node_id);
  if (fxSnapshotId === null) {
    throw new NotFoundError(
      'FX snapshot',
      `as of ${request.as_of}`,
      `No FX snapshot has an as-of date on or before ${request.as_of}`,
    );
  }
  const fx = new FxTable(fxSnapshotId, spots);
  return {
    portfolioNodeId: node.portfolio_node_id,
    parentId: node.parent_id,
    name: node.name,
    nodeType: node.node_type,
    depth: 0,
    own: totalsFromSums(
      sums.filter((sum) => sum.scope === 'own'),
      fx,
      request.reporting_ccy,
    ),
    subtree: totalsFromSums(
      sums.filter((sum) => sum.scope === 'subtree'),
      fx,
      request.reporting_ccy,
    ),
  };
};
