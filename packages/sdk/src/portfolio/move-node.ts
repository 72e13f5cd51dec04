import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import {
  portfolioNodeMoveInputSchema,
  portfolioNodeRowSchema,
  type PortfolioNodeMoveInput,
  type PortfolioNodeRow,
} from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { findNode } from './find-node.js';
import { assertPlacementAllowed } from './node-type-rules.js';

/** One lock for all moves: two concurrent moves (A under B, B under A) could otherwise each pass the cycle check. */
const HIERARCHY_MOVE_LOCK = sql.fragment`pg_advisory_xact_lock(hashtextextended('iprs.portfolio_node.move', 0))`;

/**
 * Re-parents a node with its whole subtree. Refused (ValidationError on parent_id) when the new parent is the node itself
 * or one of its descendants, or when the node-type rules forbid the placement.
 */
export const moveNode = async (
  connection: DatabaseConnection,
  input: PortfolioNodeMoveInput,
): Promise<PortfolioNodeRow> => {
  const { portfolio_node_id: id, parent_id: parentId } = parseInput(
    portfolioNodeMoveInputSchema,
    input,
    'portfolio node move',
  );
  return withTransaction(connection, async (transaction) => {
    await transaction.query(sql.unsafe`SELECT ${HIERARCHY_MOVE_LOCK}`);
    const node = await findNode(transaction, id, { lock: 'update' });
    if (!node) throw new NotFoundError('portfolio node', id);
    const parent = parentId === null ? null : await findNode(transaction, parentId, { lock: 'share' });
    if (parentId !== null && parent === null) {
      throw new NotFoundError('portfolio node', parentId, `parent_id '${parentId}' names no portfolio node`);
    }
    if (parentId !== null) {
      const parentIsInsideSubtree = await transaction.oneFirst(sql.type(z.object({ inside: z.boolean() }))`
        WITH RECURSIVE ancestor AS (
          SELECT portfolio_node_id, parent_id FROM portfolio_node WHERE portfolio_node_id = ${parentId}
          UNION ALL
          SELECT p.portfolio_node_id, p.parent_id FROM portfolio_node p JOIN ancestor a ON p.portfolio_node_id = a.parent_id
        )
        SELECT EXISTS (SELECT 1 FROM ancestor WHERE portfolio_node_id = ${id}) AS inside
      `);
      if (parentIsInsideSubtree) {
        throw new ValidationError(
          [
            {
              field: 'parent_id',
              message:
                parentId === id
                  ? `node '${id}' cannot be its own parent`
                  : `'${parentId}' lies inside the subtree of '${id}'; moving there would create a cycle`,
            },
          ],
          'portfolio node move',
        );
      }
    }
    assertPlacementAllowed(node.node_type, parent);
    return transaction.one(sql.type(portfolioNodeRowSchema)`
      UPDATE portfolio_node SET parent_id = ${parentId} WHERE portfolio_node_id = ${id}
      RETURNING ${columnList(portfolioNodeRowSchema)}
    `);
  });
};
