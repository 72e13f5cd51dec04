import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { portfolioSnapshotRowSchema, type PortfolioSnapshotRow } from '../schemas/portfolio-snapshot.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

export const getSnapshot = async (
  connection: DatabaseConnection,
  snapshotId: string,
): Promise<PortfolioSnapshotRow> => {
  const id = parseInput(idInput, snapshotId, 'snapshot_id');
  const snapshot = await connection.maybeOne(sql.type(portfolioSnapshotRowSchema)`
    SELECT ${columnList(portfolioSnapshotRowSchema)} FROM portfolio_snapshot WHERE snapshot_id = ${id}
  `);
  if (!snapshot) throw new NotFoundError('portfolio snapshot', id);
  return snapshot;
};
