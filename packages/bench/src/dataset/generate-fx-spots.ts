import { currencies, reportingCurrency } from './currencies.js';
import type { DatasetSpec } from './dataset-spec.js';
import { createSeededRandom } from './seeded-random.js';

export interface FxSpotRow {
  readonly pair: string;
  readonly snapshotId: string;
  readonly spotRate: string;
  readonly asOfDate: string;
}

/** USD per one unit of each currency, in units of 1e-8 (integers keep the generated rates exact). */
const usdPerUnit: Readonly<Record<string, number>> = {
  EUR: 108_000_000,
  GBP: 127_000_000,
  JPY: 670_000,
  CHF: 112_000_000,
  CAD: 74_000_000,
  AUD: 66_000_000,
  SEK: 9_500_000,
  NOK: 9_400_000,
  HKD: 12_800_000,
};

function fxDate(snapshotIndex: number): string {
  return `2025-${String(snapshotIndex + 1).padStart(2, '0')}-28`;
}

function fxSnapshotId(snapshotIndex: number): string {
  return `FX-${fxDate(snapshotIndex)}`;
}

/** The snapshot the rollups convert with: the latest one. */
export function latestFxSnapshotId(spec: DatasetSpec): string {
  return fxSnapshotId(spec.fxSnapshotCount - 1);
}

/** One snapshot per month; each quotes every non-USD currency against USD (`EUR/USD` = USD per EUR), moved ±2 %. */
export function* generateFxSpots(spec: DatasetSpec): Generator<FxSpotRow> {
  const random = createSeededRandom(spec.seed + 4);
  for (let snapshot = 0; snapshot < spec.fxSnapshotCount; snapshot += 1) {
    for (const currency of currencies) {
      if (currency === reportingCurrency) continue;
      const base = usdPerUnit[currency];
      if (base === undefined) throw new Error(`no reference rate for ${currency}`);
      const units = Math.round((base * (10_000 + random.int(-200, 200))) / 10_000);
      yield {
        pair: `${currency}/${reportingCurrency}`,
        snapshotId: fxSnapshotId(snapshot),
        spotRate: `${Math.trunc(units / 100_000_000)}.${String(units % 100_000_000).padStart(8, '0')}`,
        asOfDate: fxDate(snapshot),
      };
    }
  }
}
