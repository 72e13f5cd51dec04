import type { FxSpotRow } from '../schemas/fx-spot.js';
import { toDecimal, type DecimalString } from '../types/decimal.js';

/** How a stored snapshot differs from a new write of it, or undefined when they hold the same date and quotes. */
export function fxSnapshotDifference(
  stored: readonly Pick<FxSpotRow, 'pair' | 'spot_rate' | 'as_of_date'>[],
  snapshot: {
    readonly as_of_date: string;
    readonly spots: readonly { readonly pair: string; readonly spot_rate: DecimalString }[];
  },
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
