import type { DatabaseConnection } from '../connection/database-connection.js';
import type { PositionRow } from '../schemas/position.js';
import { changePositionStatus } from './change-position-status.js';

/** ACTIVE or CLOSED → DELETED (idempotent). The row stays as history; listings hide it unless asked. */
export const softDeletePosition = (connection: DatabaseConnection, positionId: string): Promise<PositionRow> =>
  changePositionStatus(connection, positionId, 'DELETED', ['ACTIVE', 'CLOSED']);
