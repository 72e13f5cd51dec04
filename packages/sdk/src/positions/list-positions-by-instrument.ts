import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { positionRowSchema, type PositionRow } from '../schemas/position.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';
import { positionListOptionsSchema, type PositionListOptions } from './list-options.js';

/** Positions in one instrument across all nodes. */
export const listPositionsByInstrument = async (
  connection: DatabaseConnection,
  instrumentId: string,
  options: PositionListOptions = {},
): Promise<readonly PositionRow[]> => {
  const id = parseInput(idInput, instrumentId, 'instrument_id');
  const { statuses, limit, after } = parseInput(positionListOptionsSchema, options, 'position list options');
  return connection.any(sql.type(positionRowSchema)`
    SELECT ${columnList(positionRowSchema)} FROM position
    WHERE instrument_id = ${id}
      AND status = ANY(${sql.array(statuses, 'text')})
      ${after === undefined ? sql.fragment`` : sql.fragment`AND position_id > ${after}`}
    ORDER BY position_id
    ${limit === undefined ? sql.fragment`` : sql.fragment`LIMIT ${limit}`}
  `);
};
