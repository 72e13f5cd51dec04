import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { portfolioNodeRowSchema } from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { subtreeNodeRowSchema, type SubtreeNodeRow } from './get-subtree.js';

/**
 * The path from the root down to the node, the node included (`depth` 0 is the root). The last element is the node;
 * `path.map((n) => n.name).join(' / ')` gives a readable location.
 */
export const getPath = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
): Promise<readonly SubtreeNodeRow[]> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  const rows = await connection.any(sql.type(subtreeNodeRowSchema)`
    WITH RECURSIVE ancestor AS (
      SELECT portfolio_node_id, parent_id, 0 AS height FROM portfolio_node WHERE portfolio_node_id = ${id}
      UNION ALL
      SELECT p.portfolio_node_id, p.parent_id, a.height + 1
      FROM portfolio_node p JOIN ancestor a ON p.portfolio_node_id = a.parent_id
    )
    SELECT ${columnList(portfolioNodeRowSchema, 'n')}, (max(a.height) OVER () - a.height)::int AS depth
    FROM ancestor a JOIN portfolio_node n USING (portfolio_node_id)
    ORDER BY a.height DESC
  `);
  if (rows.length === 0) throw new NotFoundError('portfolio node', id);
  return rows;
};

/** The ancestors of a node, root first, without the node itself. */
export const getAncestors = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
): Promise<readonly SubtreeNodeRow[]> => (await getPath(connection, portfolioNodeId)).slice(0, -1);
