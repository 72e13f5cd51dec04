import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { NotFoundError } from '../errors/not-found-error.js';
import {
  portfolioNodeCreateInputSchema,
  portfolioNodeRowSchema,
  type PortfolioNodeCreateInput,
  type PortfolioNodeRow,
} from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { findNode } from './find-node.js';
import { assertPlacementAllowed } from './node-type-rules.js';

/** Creates a node under `parent_id` (or a root FUND), enforcing the node-type rules. */
export const createNode = async (
  connection: DatabaseConnection,
  input: PortfolioNodeCreateInput,
): Promise<PortfolioNodeRow> => {
  const node = parseInput(portfolioNodeCreateInputSchema, input, 'portfolio node');
  return withTransaction(connection, async (transaction) => {
    const parent = node.parent_id === null ? null : await findNode(transaction, node.parent_id, { lock: 'share' });
    if (node.parent_id !== null && parent === null) {
      throw new NotFoundError(
        'portfolio node',
        node.parent_id,
        `parent_id '${node.parent_id}' names no portfolio node`,
      );
    }
    assertPlacementAllowed(node.node_type, parent);
    return transaction.one(sql.type(portfolioNodeRowSchema)`
      INSERT INTO portfolio_node (portfolio_node_id, parent_id, name, node_type, tags_json, metadata_json)
      VALUES (${node.portfolio_node_id}, ${node.parent_id}, ${node.name}, ${node.node_type},
              ${sql.jsonb(node.tags_json)}, ${sql.jsonb(node.metadata_json)})
      RETURNING ${columnList(portfolioNodeRowSchema)}
    `);
  });
};
