import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ConflictError } from '../errors/conflict-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { PositionStatus } from '../schemas/enums.js';
import { positionRowSchema, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Moves a position to `target` from one of `from`; already at `target` is a no-op (so retries are safe), any other
 * status is a ConflictError.
 */
export const changePositionStatus = async (
  connection: DatabaseConnection,
  positionId: string,
  target: PositionStatus,
  from: readonly PositionStatus[],
): Promise<PositionRow> => {
  const id = parseInput(idInput, positionId, 'position_id');
  return withTransaction(connection, async (transaction) => {
    const current = await transaction.maybeOne(sql.type(positionRowSchema)`
      SELECT ${columnList(positionRowSchema)} FROM position WHERE position_id = ${id} FOR UPDATE
    `);
    if (!current) throw new NotFoundError('position', id);
    if (current.status === target) return current;
    if (!from.includes(current.status)) {
      throw new ConflictError(`Position '${id}' is ${current.status} and cannot become ${target}.`, {
        constraint: null,
        table: 'position',
        columns: ['status'],
        detail: null,
      });
    }
    return transaction.one(sql.type(positionRowSchema)`
      UPDATE position SET status = ${target} WHERE position_id = ${id} RETURNING ${columnList(positionRowSchema)}
    `);
  });
};
