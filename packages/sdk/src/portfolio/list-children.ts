import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { portfolioNodeRowSchema, type PortfolioNodeRow } from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/** Direct children of a node, by name then id; `null` lists the roots. */
export const listChildren = async (
  connection: DatabaseConnection,
  portfolioNodeId: string | null,
): Promise<readonly PortfolioNodeRow[]> => {
  const id = parseInput(idInput.nullable(), portfolioNodeId, 'portfolio_node_id');
  return connection.any(sql.type(portfolioNodeRowSchema)`
    SELECT ${columnList(portfolioNodeRowSchema)} FROM portfolio_node
    WHERE ${id === null ? sql.fragment`parent_id IS NULL` : sql.fragment`parent_id = ${id}`}
    ORDER BY name, portfolio_node_id
  `);
};
