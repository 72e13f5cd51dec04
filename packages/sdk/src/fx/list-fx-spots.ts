import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { fxSpotRowSchema, type FxSpotRow } from '../schemas/fx-spot.js';
import { columnList } from '../sql/column-list.js';
import { idInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/** Every spot of an FX snapshot, by pair (empty when the snapshot does not exist). */
export const listFxSpots = async (
  connection: DatabaseConnection,
  snapshotId: string,
): Promise<readonly FxSpotRow[]> => {
  const id = parseInput(idInput, snapshotId, 'snapshot_id');
  return connection.any(sql.type(fxSpotRowSchema)`
    SELECT ${columnList(fxSpotRowSchema)} FROM fx_spot WHERE snapshot_id = ${id} ORDER BY pair
  `);
};
