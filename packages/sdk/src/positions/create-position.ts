import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { positionInputSchema, positionRowSchema, type PositionInput, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Inserts a position (ACTIVE unless `status` is given); ConflictError when position_id exists, InvalidReferenceError for
 * an unknown node or instrument.
 */
export const createPosition = async (connection: DatabaseConnection, input: PositionInput): Promise<PositionRow> => {
  const position = parseInput(positionInputSchema, input, 'position');
  return connection.one(sql.type(positionRowSchema)`
    INSERT INTO position (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, cost_basis, book_value,
                          tags_json, status)
    VALUES (${position.position_id}, ${position.portfolio_node_id}, ${position.instrument_id}, ${position.quantity}::numeric,
            ${position.base_ccy}, ${position.cost_basis}::numeric, ${position.book_value}::numeric,
            ${sql.jsonb(position.tags_json)}, ${position.status ?? 'ACTIVE'})
    RETURNING ${columnList(positionRowSchema)}
  `);
};
