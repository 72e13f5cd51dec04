import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import {
  portfolioSnapshotRowSchema,
  portfolioSnapshotTakeInputSchema,
  type PortfolioSnapshotRow,
  type PortfolioSnapshotTakeInput,
} from '../schemas/portfolio-snapshot.js';
import { getNode } from '../portfolio/get-node.js';
import { listPositionsByNode } from '../positions/list-positions-by-node.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { buildSnapshotPayload, payloadHash } from './snapshot-payload.js';

export interface TakenSnapshot {
  readonly snapshot: PortfolioSnapshotRow;
  /** false when the node's snapshot for that as-of date already holds identical content: `snapshot` is that row. */
  readonly created: boolean;
}

/**
 * Records the node's subtree ACTIVE positions as of a date. Deduplicated through the unique
 * (portfolio_node_id, payload_hash) constraint, the hash covering the as-of date: taking the same snapshot of the same
 * node for the same date twice returns the existing row (keeping its original snapshot_id), also under concurrency.
 */
export const takeSnapshot = async (
  connection: DatabaseConnection,
  input: PortfolioSnapshotTakeInput,
): Promise<TakenSnapshot> => {
  const request = parseInput(portfolioSnapshotTakeInputSchema, input, 'portfolio snapshot');
  return withTransaction(connection, async (transaction) => {
    await getNode(transaction, request.portfolio_node_id);
    const positions = await listPositionsByNode(transaction, request.portfolio_node_id, {
      subtree: true,
      statuses: ['ACTIVE'],
    });
    const payload = buildSnapshotPayload(request.portfolio_node_id, request.as_of_date, positions);
    const hash = payloadHash(payload);
    const inserted = await transaction.maybeOne(sql.type(portfolioSnapshotRowSchema)`
      INSERT INTO portfolio_snapshot (snapshot_id, portfolio_node_id, as_of_date, payload_json, payload_hash)
      VALUES (${request.snapshot_id}, ${request.portfolio_node_id}, ${request.as_of_date}::date,
              ${sql.jsonb(payload as never)}, ${hash})
      ON CONFLICT ON CONSTRAINT portfolio_snapshot_portfolio_node_id_payload_hash_key DO NOTHING
      RETURNING ${columnList(portfolioSnapshotRowSchema)}
    `);
    if (inserted) return { snapshot: inserted, created: true };
    const existing = await transaction.one(sql.type(portfolioSnapshotRowSchema)`
      SELECT ${columnList(portfolioSnapshotRowSchema)} FROM portfolio_snapshot
      WHERE portfolio_node_id = ${request.portfolio_node_id} AND payload_hash = ${hash}
    `);
    return { snapshot: existing, created: false };
  });
};
