/** Totals of ACTIVE positions' book_value: per base currency, and everything converted into the reporting currency. */
export interface Totals {
  /** base currency → exact decimal strings. */
  readonly byCurrency: ReadonlyMap<string, { readonly bookValue: string; readonly converted: string }>;
  readonly total: string;
}

export interface NodeTotals {
  readonly nodeId: string;
  /** The node and all its descendants. */
  readonly subtree: Totals;
  /** The node's own positions; whole-tree rollups report them too. */
  readonly own?: Totals;
}

/** The two rollups, implemented once by the SDK and once by hand-written SQL, so both are timed the same way. */
export interface RollupEngine {
  /** The subtree of `nodeId` rolled up into that node. */
  subtree(nodeId: string): Promise<NodeTotals>;
  /** Every node of the hierarchy with its own and its subtree's totals. */
  wholeTree(): Promise<readonly NodeTotals[]>;
  close(): Promise<void>;
}

export interface RollupRequest {
  readonly databaseUrl: string;
  readonly fxSnapshotId: string;
  readonly reportingCurrency: string;
}
