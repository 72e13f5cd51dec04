import type { DatabaseConnection } from '../connection/database-connection.js';
import type { PositionRow } from '../schemas/position.js';
import { changePositionStatus } from './change-position-status.js';

/** ACTIVE → CLOSED (idempotent); ConflictError for a DELETED position. */
export const closePosition = (connection: DatabaseConnection, positionId: string): Promise<PositionRow> =>
  changePositionStatus(connection, positionId, 'CLOSED', ['ACTIVE']);
