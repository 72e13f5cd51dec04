import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { InUseError } from '../errors/in-use-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { findNode } from './find-node.js';

const dependentsSchema = z.object({
  children: z.number().int(),
  positions: z.number().int(),
  snapshots: z.number().int(),
});

/**
 * Deletes a node that holds nothing. Refused with InUseError while it has children, positions (of any status: closed and
 * soft-deleted positions are history too) or snapshots — the schema RESTRICTs all three, by design.
 */
export const deleteNode = async (connection: DatabaseConnection, portfolioNodeId: string): Promise<void> => {
  const id = parseInput(idInput, portfolioNodeId, 'portfolio_node_id');
  await withTransaction(connection, async (transaction) => {
    const node = await findNode(transaction, id, { lock: 'update' });
    if (!node) throw new NotFoundError('portfolio node', id);
    const dependents = await transaction.one(sql.type(dependentsSchema)`
      SELECT
        (SELECT count(*) FROM portfolio_node WHERE parent_id = ${id})::int AS children,
        (SELECT count(*) FROM position WHERE portfolio_node_id = ${id})::int AS positions,
        (SELECT count(*) FROM portfolio_snapshot WHERE portfolio_node_id = ${id})::int AS snapshots
    `);
    const blockers = Object.entries(dependents)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}`);
    if (blockers.length > 0) {
      throw new InUseError(
        `Cannot delete portfolio node '${id}': it still has ${blockers.join(', ')}. ` +
          'Move or delete the children, and move the positions elsewhere, first.',
        { constraint: null, table: 'portfolio_node', columns: ['portfolio_node_id'], detail: null },
      );
    }
    await transaction.query(sql.unsafe`DELETE FROM portfolio_node WHERE portfolio_node_id = ${id}`);
  });
};
