import { copyTextLine } from '@iprs/sdk/internal';
import type { FxSpotRow } from './generate-fx-spots.js';
import type { InstrumentRow } from './generate-instruments.js';
import type { NodeRow } from './generate-nodes.js';
import type { PositionRow } from './generate-positions.js';

export const positionColumns = [
  'position_id',
  'portfolio_node_id',
  'instrument_id',
  'quantity',
  'base_ccy',
  'cost_basis',
  'book_value',
  'status',
] as const;

export function* positionLines(rows: Iterable<PositionRow>): Generator<string> {
  for (const row of rows) {
    yield copyTextLine([
      row.positionId,
      row.nodeId,
      row.instrumentId,
      row.quantity,
      row.baseCcy,
      row.costBasis,
      row.bookValue,
      row.status,
    ]);
  }
}

export const instrumentColumns = ['instrument_id', 'instrument_type', 'name', 'currency'] as const;

export function* instrumentLines(rows: Iterable<InstrumentRow>): Generator<string> {
  for (const row of rows) yield copyTextLine([row.instrumentId, row.instrumentType, row.name, row.currency]);
}

export const nodeColumns = ['portfolio_node_id', 'parent_id', 'name', 'node_type'] as const;

export function* nodeLines(rows: Iterable<NodeRow>): Generator<string> {
  for (const row of rows) yield copyTextLine([row.nodeId, row.parentId, row.name, row.nodeType]);
}

export const fxSpotColumns = ['pair', 'snapshot_id', 'spot_rate', 'as_of_date', 'source'] as const;

export function* fxSpotLines(rows: Iterable<FxSpotRow>): Generator<string> {
  for (const row of rows) yield copyTextLine([row.pair, row.snapshotId, row.spotRate, row.asOfDate, 'iprs-bench']);
}
