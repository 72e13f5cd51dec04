import type { FxTable } from '../fx/fx-table.js';
import type { Decimal } from '../types/exact-decimal.js';
import { normalizeDecimal, toDecimal } from '../types/decimal.js';
import type { CurrencySum, NodeCurrencySum, RollupNodeRow } from './fetch-rollup-inputs.js';
import type { NodeRollup, RollupTotals } from './rollup-types.js';

interface CurrencyAccumulator {
  bookValue: Decimal;
  positionCount: number;
  valuedCount: number;
}

type Accumulators = Map<string, CurrencyAccumulator>;

const addInto = (
  target: Accumulators,
  currency: string,
  bookValue: Decimal,
  positionCount: number,
  valuedCount: number,
) => {
  const existing = target.get(currency);
  if (existing) {
    existing.bookValue = existing.bookValue.plus(bookValue);
    existing.positionCount += positionCount;
    existing.valuedCount += valuedCount;
  } else {
    target.set(currency, { bookValue, positionCount, valuedCount });
  }
};

/** Totals of per-currency sums: each currency converted once, then added up in the reporting currency. */
export const totalsFromSums = (sums: readonly CurrencySum[], fx: FxTable, reportingCurrency: string): RollupTotals => {
  const accumulators: Accumulators = new Map();
  for (const sum of sums) {
    addInto(accumulators, sum.base_ccy, toDecimal(sum.book_value ?? '0'), sum.position_count, sum.valued_count);
  }
  return totalsOf(accumulators, fx, reportingCurrency);
};

const totalsOf = (accumulators: Accumulators, fx: FxTable, reportingCurrency: string): RollupTotals => {
  const currencies = [...accumulators.keys()].sort();
  let total = toDecimal(0);
  let positionCount = 0;
  let valuedCount = 0;
  const byCurrency = currencies.map((currency) => {
    const sum = accumulators.get(currency) as CurrencyAccumulator;
    const converted = fx.convert(sum.bookValue, currency, reportingCurrency);
    total = total.plus(converted);
    positionCount += sum.positionCount;
    valuedCount += sum.valuedCount;
    return {
      currency,
      bookValue: normalizeDecimal(sum.bookValue),
      converted: normalizeDecimal(converted),
      positionCount: sum.positionCount,
    };
  });
  return {
    byCurrency,
    total: normalizeDecimal(total),
    positionCount,
    positionsWithoutBookValue: positionCount - valuedCount,
  };
};

/**
 * Builds own and subtree totals for every node from the per-node, per-currency sums: children's currency sums are added
 * into their parents bottom-up (exact decimals), and only then is each currency converted — once per node and currency.
 */
export const aggregateRollup = (
  nodes: readonly RollupNodeRow[],
  sums: readonly NodeCurrencySum[],
  fx: FxTable,
  reportingCurrency: string,
): NodeRollup[] => {
  const own = new Map<string, Accumulators>(nodes.map((node) => [node.portfolio_node_id, new Map()]));
  const subtree = new Map<string, Accumulators>(nodes.map((node) => [node.portfolio_node_id, new Map()]));
  for (const sum of sums) {
    const value = toDecimal(sum.book_value ?? '0');
    own.get(sum.portfolio_node_id)?.set(sum.base_ccy, {
      bookValue: value,
      positionCount: sum.position_count,
      valuedCount: sum.valued_count,
    });
    const accumulators = subtree.get(sum.portfolio_node_id);
    if (accumulators) addInto(accumulators, sum.base_ccy, value, sum.position_count, sum.valued_count);
  }
  // nodes arrive parents first; walking them backwards folds every child into its parent after the child is complete.
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const node = nodes[index] as RollupNodeRow;
    const parent = node.parent_id === null ? undefined : subtree.get(node.parent_id);
    if (!parent) continue;
    for (const [currency, sum] of subtree.get(node.portfolio_node_id) ?? []) {
      addInto(parent, currency, sum.bookValue, sum.positionCount, sum.valuedCount);
    }
  }
  return nodes.map((node) => ({
    portfolioNodeId: node.portfolio_node_id,
    parentId: node.parent_id,
    name: node.name,
    nodeType: node.node_type,
    depth: node.depth,
    own: totalsOf(own.get(node.portfolio_node_id) ?? new Map(), fx, reportingCurrency),
    subtree: totalsOf(subtree.get(node.portfolio_node_id) ?? new Map(), fx, reportingCurrency),
  }));
};
