export { rollupNode } from './rollup-node.js';
export { rollupRequestSchema, treeRollupRequestSchema, type RollupRequest, type TreeRollupRequest } from './rollup-request.js';
export { rollupSubtree } from './rollup-subtree.js';
export { rollupTree } from './rollup-tree.js';
export type { CurrencyTotal, NodeRollup, RollupResult, RollupTotals } from './rollup-types.js';
