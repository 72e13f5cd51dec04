import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { portfolioNodeRowSchema } from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

export const subtreeNodeRowSchema = portfolioNodeRowSchema.extend({ depth: z.number().int() });
/** A node of a subtree with its depth below the subtree's root (the root itself has depth 0). */
export type SubtreeNodeRow = z.infer<typeof subtreeNodeRowSchema>;

/** The node and all its descendants, depth-first ordered by a path of names (parents before children). */
export const getSubtree = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
): Promise<readonly SubtreeNodeRow[]> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  const rows = await connection.any(sql.type(subtreeNodeRowSchema)`
    WITH RECURSIVE subtree AS (
      SELECT portfolio_node_id, 0 AS depth, ARRAY[name, portfolio_node_id] AS sort_path
      FROM portfolio_node WHERE portfolio_node_id = ${id}
      UNION ALL
      SELECT c.portfolio_node_id, s.depth + 1, s.sort_path || ARRAY[c.name, c.portfolio_node_id]
      FROM portfolio_node c JOIN subtree s ON c.parent_id = s.portfolio_node_id
    )
    SELECT ${columnList(portfolioNodeRowSchema, 'n')}, s.depth
    FROM subtree s JOIN portfolio_node n USING (portfolio_node_id)
    ORDER BY s.sort_path
  `);
  if (rows.length === 0) throw new NotFoundError('portfolio node', id);
  return rows;
};
