import type { NodeType } from '../schemas/enums.js';
import type { DecimalString } from '../types/decimal.js';

export interface CurrencyTotal {
  /** The positions' base currency. */
  readonly currency: string;
  /** Sum of book_value of the ACTIVE positions in this currency (exact). */
  readonly bookValue: DecimalString;
  /** `bookValue` converted into the reporting currency. */
  readonly converted: DecimalString;
  readonly positionCount: number;
}

export interface RollupTotals {
  /** Per base currency, sorted by currency code. */
  readonly byCurrency: readonly CurrencyTotal[];
  /** Sum of `converted` over all currencies, in the reporting currency. */
  readonly total: DecimalString;
  readonly positionCount: number;
  /** ACTIVE positions without a book_value: counted, but they add nothing to the totals. */
  readonly positionsWithoutBookValue: number;
}

export interface NodeRollup {
  readonly portfolioNodeId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly nodeType: NodeType;
  /** Depth below the rollup's root (0 for the root; for whole-tree rollups, below each FUND). */
  readonly depth: number;
  /** Positions held directly by this node. */
  readonly own: RollupTotals;
  /** This node and all its descendants. */
  readonly subtree: RollupTotals;
}

export interface RollupResult {
  readonly reportingCurrency: string;
  /** The FX snapshot that converted: the one named, or the one in force on `asOf`. */
  readonly fxSnapshotId: string;
  /** The date the FX snapshot was chosen by, when the request gave `as_of`; null when it named a snapshot. */
  readonly asOf: string | null;
  /** Parents before children. */
  readonly nodes: readonly NodeRollup[];
}
