export { fxConvert } from './fx-convert.js';
export { fxRate } from './fx-rate.js';
export { fxSnapshotIdAsOf } from './fx-snapshot-as-of.js';
export type { FxSnapshotSelector } from './fx-snapshot-selector.js';
export { FX_DIVISION_SIGNIFICANT_DIGITS, FxTable, TRIANGULATION_CURRENCIES, type FxRate, type FxRateMethod } from './fx-table.js';
export { listFxSpots } from './list-fx-spots.js';
export { loadFxTable } from './load-fx-table.js';
export { storeFxSnapshot } from './store-fx-snapshot.js';
