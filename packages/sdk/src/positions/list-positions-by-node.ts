import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { positionRowSchema, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { positionListOptionsSchema, type PositionListOptions } from './list-options.js';

/** Positions held directly by a node, or (`subtree: true`) by the node and all its descendants. */
export const listPositionsByNode = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
  options: PositionListOptions & { subtree?: boolean } = {},
): Promise<readonly PositionRow[]> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  const { subtree = false, ...listOptions } = options;
  const { statuses, limit, after } = parseInput(positionListOptionsSchema, listOptions, 'position list options');
  const nodes = subtree
    ? sql.fragment`(
        WITH RECURSIVE subtree AS (
          SELECT portfolio_node_id FROM portfolio_node WHERE portfolio_node_id = ${id}
          UNION ALL
          SELECT c.portfolio_node_id FROM portfolio_node c JOIN subtree s ON c.parent_id = s.portfolio_node_id
        ) SELECT portfolio_node_id FROM subtree)`
    : sql.fragment`(${id})`;
  return connection.any(sql.type(positionRowSchema)`
    SELECT ${columnList(positionRowSchema)} FROM position
    WHERE portfolio_node_id IN ${nodes}
      AND status = ANY(${sql.array(statuses, 'text')})
      ${after === undefined ? sql.fragment`` : sql.fragment`AND position_id > ${after}`}
    ORDER BY position_id
    ${limit === undefined ? sql.fragment`` : sql.fragment`LIMIT ${limit}`}
  `);
};
