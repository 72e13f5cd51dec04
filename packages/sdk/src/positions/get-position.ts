import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { positionRowSchema, type PositionRow } from '../schemas/position.js';
import { preparedRowLookup } from '../sql/prepared-row-lookup.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

const positionById = preparedRowLookup('iprs_get_position', positionRowSchema, 'position', 'position_id');

/** The position (whatever its status); NotFoundError when it does not exist. */
export const getPosition = async (connection: DatabaseConnection, positionId: string): Promise<PositionRow> => {
  const id = parseInput(idInput, positionId, 'position_id');
  const position = await connection.maybeOne(positionById(id));
  if (!position) throw new NotFoundError('position', id);
  return position;
};
