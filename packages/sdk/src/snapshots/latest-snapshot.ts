import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { portfolioSnapshotRowSchema, type PortfolioSnapshotRow } from '../schemas/portfolio-snapshot.js';
import { columnList } from '../sql/column-list.js';
import { idInput, isoDateInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

const latestInputSchema = z.strictObject({ portfolio_node_id: idInput, as_of_date: isoDateInput });

/** The most recent snapshot of the node taken for a date on or before `as_of_date`, or null. */
export const latestSnapshotAsOf = async (
  connection: DatabaseConnection,
  input: z.input<typeof latestInputSchema>,
): Promise<PortfolioSnapshotRow | null> => {
  const request = parseInput(latestInputSchema, input, 'latest snapshot request');
  return connection.maybeOne(sql.type(portfolioSnapshotRowSchema)`
    SELECT ${columnList(portfolioSnapshotRowSchema)} FROM portfolio_snapshot
    WHERE portfolio_node_id = ${request.portfolio_node_id} AND as_of_date <= ${request.as_of_date}::date
    ORDER BY as_of_date DESC, created_at DESC, snapshot_id
    LIMIT 1
  `);
};
