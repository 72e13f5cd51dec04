import { currencies, type Currency } from './currencies.js';
import type { DatasetSpec } from './dataset-spec.js';
import { instrumentCurrencies, instrumentId } from './generate-instruments.js';
import { strategyCount, strategyId } from './generate-nodes.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

type PositionStatus = 'ACTIVE' | 'CLOSED' | 'DELETED';

export interface PositionRow {
  readonly positionId: string;
  readonly nodeId: string;
  readonly instrumentId: string;
  /** Exact decimals as strings, never floats. */
  readonly quantity: string;
  readonly baseCcy: Currency;
  readonly costBasis: string;
  readonly bookValue: string;
  readonly status: PositionStatus;
}

function decimal(random: SeededRandom, maxWhole: number, fractionDigits: number, signed: boolean): string {
  const whole = random.int(0, maxWhole);
  const fraction = String(random.int(0, 10 ** fractionDigits - 1)).padStart(fractionDigits, '0');
  const sign = signed && random.int(0, 9) === 0 ? '-' : '';
  return `${sign}${whole}.${fraction}`;
}

/** 95 % active, 3 % closed, 2 % soft-deleted: rollups must filter, not just sum. */
function status(random: SeededRandom): PositionStatus {
  const draw = random.int(0, 99);
  return draw < 95 ? 'ACTIVE' : draw < 98 ? 'CLOSED' : 'DELETED';
}

/**
 * `spec.positionCount` positions in shuffled order: position i sits on strategy i mod (strategies), so every strategy
 * holds the same number of positions, but ids and nodes arrive in random order (no physical clustering to lean on).
 * Streams: only the permutation (4 bytes a position) and the instruments' currencies are held in memory.
 */
export function* generatePositions(spec: DatasetSpec): Generator<PositionRow> {
  const random = createSeededRandom(spec.seed + 3);
  const order = random.permutation(spec.positionCount);
  const currencyIndexes = instrumentCurrencies(spec);
  const leaves = strategyCount(spec);
  for (const index of order) {
    const instrumentIndex = random.int(0, spec.instrumentCount - 1);
    yield {
      positionId: `POS-${String(index).padStart(7, '0')}`,
      nodeId: strategyId(spec, index % leaves),
      instrumentId: instrumentId(instrumentIndex),
      quantity: decimal(random, 999_999, 4, true),
      baseCcy: currencies[currencyIndexes[instrumentIndex] as number] as Currency,
      costBasis: decimal(random, 9_999_999, 2, false),
      bookValue: decimal(random, 9_999_999, 2, true),
      status: status(random),
    };
  }
}
