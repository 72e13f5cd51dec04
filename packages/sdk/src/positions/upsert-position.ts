import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { positionInputSchema, positionRowSchema, type PositionInput, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { getPosition } from './get-position.js';
import { positionDiffers, positionUpsertAssignments } from './position-upsert-assignments.js';

/**
 * Inserts the position (ACTIVE unless `status` is given), or replaces every field of the existing one with the same
 * position_id — except its status, which changes only when `status` is given. An upsert that changes nothing writes
 * nothing (updated_at stays) and returns the stored row.
 */
export const upsertPosition = async (connection: DatabaseConnection, input: PositionInput): Promise<PositionRow> => {
  const position = parseInput(positionInputSchema, input, 'position');
  const statusGiven = position.status !== undefined;
  const written = await connection.maybeOne(sql.type(positionRowSchema)`
    INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value,
                          tags_json, status)
    VALUES (${position.position_id}, ${position.portfolio_node_id}, ${position.instrument_id}, ${position.quantity}::numeric,
            ${position.base_ccy}, ${position.cost_basis}::numeric, ${position.book_value}::numeric,
            ${sql.jsonb(position.tags_json)}, ${position.status ?? 'ACTIVE'})
    ON CONFLICT (position_id) DO UPDATE SET ${positionUpsertAssignments(statusGiven)}
    WHERE ${positionDiffers('position', 'excluded', statusGiven)}
    RETURNING ${columnList(positionRowSchema)}
  `);
  return written ?? getPosition(connection, position.position_id);
};
