import { currencies, type Currency } from './currencies.js';
import type { DatasetSpec } from './dataset-spec.js';
import { createSeededRandom } from './seeded-random.js';

export interface InstrumentRow {
  readonly instrumentId: string;
  readonly instrumentType: string;
  readonly name: string;
  readonly currency: Currency;
}

const instrumentTypes = [
  'BOND',
  'BOND',
  'BOND',
  'LOAN',
  'LOAN',
  'CDS',
  'EQUITY',
  'EQUITY',
  'FX_FORWARD',
  'CASH',
] as const;

export function instrumentId(index: number): string {
  return `INS-${String(index).padStart(6, '0')}`;
}

/** Each instrument's currency as an index into `currencies`; positions take their base currency from it. */
export function instrumentCurrencies(spec: DatasetSpec): Uint8Array {
  const random = createSeededRandom(spec.seed + 1);
  const byInstrument = new Uint8Array(spec.instrumentCount);
  for (let index = 0; index < spec.instrumentCount; index += 1)
    byInstrument[index] = random.int(0, currencies.length - 1);
  return byInstrument;
}

export function* generateInstruments(spec: DatasetSpec): Generator<InstrumentRow> {
  const random = createSeededRandom(spec.seed + 2);
  const currencyIndexes = instrumentCurrencies(spec);
  for (let index = 0; index < spec.instrumentCount; index += 1) {
    yield {
      instrumentId: instrumentId(index),
      instrumentType: random.pick(instrumentTypes),
      name: `Instrument ${index}`,
      currency: currencies[currencyIndexes[index] as number] as Currency,
    };
  }
}
