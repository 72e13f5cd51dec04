import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { PortfolioNodeRow } from '../schemas/portfolio-node.js';
import { findNode } from './find-node.js';

/** The node; NotFoundError when it does not exist. */
export const getNode = async (
  connection: DatabaseConnection,
  portfolioNodeId: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<PortfolioNodeRow> => {
  const node = await findNode(connection, portfolioNodeId, options);
  if (!node) throw new NotFoundError('portfolio node', portfolioNodeId);
  return node;
};
