import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ConflictError } from '../errors/conflict-error.js';
import { fxSnapshotInputSchema, fxSpotRowSchema, type FxSnapshotInput, type FxSpotRow } from '../schemas/fx-spot.js';
import { columnList } from '../sql/column-list.js';
import { parseInput } from '../types/parse-input.js';
import { fxSnapshotDifference } from './fx-snapshot-difference.js';
import { lockFxSnapshot } from './lock-fx-snapshot.js';

/**
 * Stores all spots of one FX snapshot, all or none. Snapshots are immutable once written: storing the same as-of date
 * and the same pairs at equal rates again is a no-op that returns the stored spots (the source is not compared), and
 * anything else under an existing snapshot id — another date, a pair more or less, another rate — is a ConflictError
 * naming the difference. Writers of one snapshot id are serialized by a transaction-level advisory lock, so two
 * concurrent writers cannot both find the id free and mix their pairs.
 */
export const storeFxSnapshot = async (
  connection: DatabaseConnection,
  input: FxSnapshotInput,
): Promise<readonly FxSpotRow[]> => {
  const snapshot = parseInput(fxSnapshotInputSchema, input, 'FX snapshot');
  return withTransaction(connection, async (transaction) => {
    await lockFxSnapshot(transaction, snapshot.snapshot_id);
    const stored = await transaction.any(sql.type(fxSpotRowSchema)`
      SELECT ${columnList(fxSpotRowSchema)} FROM fx_spot WHERE snapshot_id = ${snapshot.snapshot_id} ORDER BY pair
    `);
    if (stored.length > 0) {
      const difference = fxSnapshotDifference(stored, snapshot);
      if (difference !== undefined) {
        throw new ConflictError(
          `FX snapshot '${snapshot.snapshot_id}' is already stored and snapshots are immutable: ${difference}`,
          {
            constraint: null,
            table: 'fx_spot',
            columns: ['snapshot_id'],
            detail: difference,
          },
        );
      }
      return stored;
    }
    return transaction.any(sql.type(fxSpotRowSchema)`
      INSERT INTO fx_spot (pair, snapshot_id, spot_rate, as_of_date, source)
      SELECT pair, ${snapshot.snapshot_id}, spot_rate::numeric, ${snapshot.as_of_date}::date, ${snapshot.source}
      FROM unnest(
        ${sql.array(
          snapshot.spots.map((spot) => spot.pair),
          'text',
        )},
        ${sql.array(
          snapshot.spots.map((spot) => spot.spot_rate),
          'text',
        )}
      ) AS quote (pair, spot_rate)
      ORDER BY pair
      RETURNING ${columnList(fxSpotRowSchema)}
    `);
  });
};
