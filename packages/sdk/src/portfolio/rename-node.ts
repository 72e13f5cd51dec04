import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import {
  portfolioNodeRenameInputSchema,
  portfolioNodeRowSchema,
  type PortfolioNodeRenameInput,
  type PortfolioNodeRow,
} from '../schemas/portfolio-node.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

export const renameNode = async (
  connection: DatabaseConnection,
  input: PortfolioNodeRenameInput,
): Promise<PortfolioNodeRow> => {
  const { portfolio_node_id: id, name } = parseInput(portfolioNodeRenameInputSchema, input, 'portfolio node rename');
  const renamed = await connection.maybeOne(sql.type(portfolioNodeRowSchema)`
    UPDATE portfolio_node SET name = ${name} WHERE portfolio_node_id = ${id}
    RETURNING ${columnList(portfolioNodeRowSchema)}
  `);
  if (!renamed) throw new NotFoundError('portfolio node', id);
  return renamed;
};
