import { createPool, rollupNode, rollupTree, type RollupTotals } from '@iprs/sdk';
import type { NodeTotals, RollupEngine, RollupRequest, Totals } from '../benchmarks/rollup-engine.js';

function totalsOf(totals: RollupTotals): Totals {
  return {
    byCurrency: new Map(
      totals.byCurrency.map((entry) => [entry.currency, { bookValue: entry.bookValue, converted: entry.converted }]),
    ),
    total: totals.total,
  };
}

/** The SDK's rollups (rollupNode for one subtree, rollupTree for every node) on an SDK pool. */
export async function openSdkRollups(request: RollupRequest): Promise<RollupEngine> {
  const pool = await createPool({ connectionString: request.databaseUrl });
  const fx = { reporting_ccy: request.reportingCurrency, fx_snapshot_id: request.fxSnapshotId };
  return {
    async subtree(nodeId) {
      const rollup = await rollupNode(pool, { portfolio_node_id: nodeId, ...fx });
      return { nodeId: rollup.portfolioNodeId, subtree: totalsOf(rollup.subtree) };
    },
    async wholeTree() {
      const { nodes } = await rollupTree(pool, fx);
      return nodes.map((node): NodeTotals => ({
        nodeId: node.portfolioNodeId,
        subtree: totalsOf(node.subtree),
        own: totalsOf(node.own),
      }));
    },
    close: () => pool.close(),
  };
}
