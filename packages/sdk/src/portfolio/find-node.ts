import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { portfolioNodeRowSchema, type PortfolioNodeRow } from '../schemas/portfolio-node.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { columnList } from '../sql/column-list.js';

/** The node, or null when it does not exist. `lock` takes a row lock (inside a transaction) against concurrent change. */
export const findNode = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<PortfolioNodeRow | null> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  const lock =
    options.lock === 'update' ? sql.fragment`FOR UPDATE` : options.lock === 'share' ? sql.fragment`FOR SHARE` : sql.fragment``;
  return connection.maybeOne(sql.prepared(`iprs_find_node_${options.lock ?? 'unlocked'}`, portfolioNodeRowSchema)`
    SELECT ${columnList(portfolioNodeRowSchema)} FROM portfolio_node WHERE portfolio_node_id = ${id} ${lock}
  `);
};
