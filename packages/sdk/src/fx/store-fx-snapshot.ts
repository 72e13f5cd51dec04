import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { fxSnapshotInputSchema, fxSpotRowSchema, type FxSnapshotInput, type FxSpotRow } from '../schemas/fx-spot.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Stores all spots of one FX snapshot in one statement (so all or none). A pair the snapshot already holds is a
 * ConflictError: snapshots are immutable once written.
 */
export const storeFxSnapshot = async (connection: DatabaseConnection, input: FxSnapshotInput): Promise<readonly FxSpotRow[]> => {
  const snapshot = parseInput(fxSnapshotInputSchema, input, 'FX snapshot');
  return connection.any(sql.type(fxSpotRowSchema)`
    INSERT INTO fx_spot (pair, snapshot_id, spot_rate, as_of_date, source)
    SELECT pair, ${snapshot.snapshot_id}, spot_rate::numeric, ${snapshot.as_of_date}::date, ${snapshot.source}
    FROM unnest(
      ${sql.array(snapshot.spots.map((spot) => spot.pair), 'text')},
      ${sql.array(snapshot.spots.map((spot) => spot.spot_rate), 'text')}
    ) AS quote (pair, spot_rate)
    RETURNING ${columnList(fxSpotRowSchema)}
  `);
};
