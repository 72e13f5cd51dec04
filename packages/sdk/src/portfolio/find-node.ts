import type { DatabaseConnection } from '../connection/database-connection.js';
import { portfolioNodeRowSchema, type PortfolioNodeRow } from '../schemas/portfolio-node.js';
import { preparedRowLookup } from '../sql/prepared-row-lookup.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

const nodeById = {
  unlocked: preparedRowLookup('iprs_find_node_unlocked', portfolioNodeRowSchema, 'portfolio_node', 'portfolio_node_id'),
  share: preparedRowLookup(
    'iprs_find_node_share',
    portfolioNodeRowSchema,
    'portfolio_node',
    'portfolio_node_id',
    'share',
  ),
  update: preparedRowLookup(
    'iprs_find_node_update',
    portfolioNodeRowSchema,
    'portfolio_node',
    'portfolio_node_id',
    'update',
  ),
} as const;

/** The node, or null when it does not exist. `lock` takes a row lock (inside a transaction) against concurrent change. */
export const findNode = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<PortfolioNodeRow | null> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  return connection.maybeOne(nodeById[options.lock ?? 'unlocked'](id));
};
