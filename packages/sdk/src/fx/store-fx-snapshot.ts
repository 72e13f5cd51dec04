import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { ConflictError } from '../errors/conflict-error.js';
import { fxSnapshotInputSchema, fxSpotRowSchema, type FxSnapshotInput, type FxSpotRow } from '../schemas/fx-spot.js';
import { columnList } from '../sql/column-list.js';
import { toDecimal } from '../types/decimal.js';
import { parseInput } from '../types/parse-input.js';

/**
 * Stores all spots of one FX snapshot, all or none. Snapshots are immutable once written: storing the same as-of date
 * and the same pairs at equal rates again is a no-op that returns the stored spots (the source is not compared), and
 * anything else under an existing snapshot id — another date, a pair more or less, another rate — is a ConflictError
 * naming the difference. Writers of one snapshot id are serialized by a transaction-level advisory lock, so two
 * concurrent writers cannot both find the id free and mix their pairs.
 */
export const storeFxSnapshot = async (connection: DatabaseConnection, input: FxSnapshotInput): Promise<readonly FxSpotRow[]> => {
  const snapshot = parseInput(fxSnapshotInputSchema, input, 'FX snapshot');
  return withTransaction(connection, async (transaction) => {
    await transaction.query(sql.unsafe`SELECT pg_advisory_xact_lock(hashtextextended(${`fx_snapshot:${snapshot.snapshot_id}`}, 0))`);
    const stored = await transaction.any(sql.type(fxSpotRowSchema)`
      SELECT ${columnList(fxSpotRowSchema)} FROM fx_spot WHERE snapshot_id = ${snapshot.snapshot_id} ORDER BY pair
    `);
    if (stored.length > 0) {
      const difference = snapshotDifference(stored, snapshot);
      if (difference !== undefined) {
        throw new ConflictError(`FX snapshot '${snapshot.snapshot_id}' is already stored and snapshots are immutable: ${difference}`, {
          constraint: null,
          table: 'fx_spot',
          columns: ['snapshot_id'],
          detail: difference,
        });
      }
      return stored;
    }
    return transaction.any(sql.type(fxSpotRowSchema)`
      INSERT INTO fx_spot (pair, snapshot_id, spot_rate, as_of_date, source)
      SELECT pair, ${snapshot.snapshot_id}, spot_rate::numeric, ${snapshot.as_of_date}::date, ${snapshot.source}
      FROM unnest(
        ${sql.array(snapshot.spots.map((spot) => spot.pair), 'text')},
        ${sql.array(snapshot.spots.map((spot) => spot.spot_rate), 'text')}
      ) AS quote (pair, spot_rate)
      ORDER BY pair
      RETURNING ${columnList(fxSpotRowSchema)}
    `);
  });
};

/** How a stored snapshot differs from a new write of it, or undefined when they hold the same date and quotes. */
function snapshotDifference(
  stored: readonly FxSpotRow[],
  snapshot: { readonly as_of_date: string; readonly spots: readonly { readonly pair: string; readonly spot_rate: string }[] },
): string | undefined {
  const storedDates = [...new Set(stored.map((spot) => spot.as_of_date))];
  if (storedDates.length !== 1 || storedDates[0] !== snapshot.as_of_date) {
    return `it is as of ${storedDates.join(', ')}, not ${snapshot.as_of_date}`;
  }
  const storedRates = new Map(stored.map((spot) => [spot.pair, toDecimal(spot.spot_rate)]));
  const newPairs = new Set(snapshot.spots.map((spot) => spot.pair));
  const added = snapshot.spots.filter((spot) => !storedRates.has(spot.pair)).map((spot) => spot.pair);
  if (added.length > 0) return `it does not hold ${added.join(', ')}`;
  const missing = stored.filter((spot) => !newPairs.has(spot.pair)).map((spot) => spot.pair);
  if (missing.length > 0) return `it also holds ${missing.join(', ')}`;
  const changed = snapshot.spots.flatMap((spot) => {
    const storedRate = storedRates.get(spot.pair);
    return storedRate === undefined || storedRate.equals(toDecimal(spot.spot_rate))
      ? []
      : [`${spot.pair} is ${storedRate.toFixed()}, not ${spot.spot_rate}`];
  });
  if (changed.length > 0) return changed.join('; ');
  return undefined;
}
