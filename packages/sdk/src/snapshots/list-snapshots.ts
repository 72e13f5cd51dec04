import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import {
  portfolioSnapshotRangeInputSchema,
  portfolioSnapshotRowSchema,
  type PortfolioSnapshotRangeInput,
  type PortfolioSnapshotRow,
} from '../schemas/portfolio-snapshot.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

/** Snapshots of a node with as_of_date in [from, to] (inclusive), newest first. */
export const listSnapshots = async (
  connection: DatabaseConnection,
  input: PortfolioSnapshotRangeInput,
): Promise<readonly PortfolioSnapshotRow[]> => {
  const range = parseInput(portfolioSnapshotRangeInputSchema, input, 'snapshot date range');
  return connection.any(sql.type(portfolioSnapshotRowSchema)`
    SELECT ${columnList(portfolioSnapshotRowSchema)} FROM portfolio_snapshot
    WHERE portfolio_node_id = ${range.portfolio_node_id}
      AND as_of_date BETWEEN ${range.from}::date AND ${range.to}::date
    ORDER BY as_of_date DESC, created_at DESC, snapshot_id
  `);
};
