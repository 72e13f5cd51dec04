import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { positionRowSchema, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/** The position (whatever its status); NotFoundError when it does not exist. */
export const getPosition = async (connection: DatabaseConnection, positionId: string): Promise<PositionRow> => {
  const id = parseInput(idInput, positionId, 'position_id');
  const position = await connection.maybeOne(sql.prepared('iprs_get_position', positionRowSchema)`
    SELECT ${columnList(positionRowSchema)} FROM position WHERE position_id = ${id}
  `);
  if (!position) throw new NotFoundError('position', id);
  return position;
};
