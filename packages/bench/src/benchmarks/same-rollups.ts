import { ResultMismatchError } from '../errors/result-mismatch-error.js';
import type { NodeTotals, Totals } from './rollup-engine.js';

/** `1.50` and `1.5` are the same amount; the SDK normalises, SQL prints the scale. */
function canonicalDecimal(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const digits = whole.replace('-', '').replace(/^0+(?=\d)/, '');
  const zero = digits === '0' && trimmed === '';
  return `${whole.startsWith('-') && !zero ? '-' : ''}${digits}${trimmed ? `.${trimmed}` : ''}`;
}

function describeTotals(totals: Totals | undefined): string {
  if (!totals) return '-';
  const currencies = [...totals.byCurrency]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, sum]) => `${currency}=${canonicalDecimal(sum.bookValue)}→${canonicalDecimal(sum.converted)}`);
  return `${currencies.join(' ')} total ${canonicalDecimal(totals.total)}`;
}

const describe = (node: NodeTotals) =>
  `${node.nodeId}: subtree ${describeTotals(node.subtree)}; own ${describeTotals(node.own)}`;

const empty: Totals = { byCurrency: new Map(), total: '0' };

/**
 * Throws ResultMismatchError unless both engines produced the same totals for every node. A node one side leaves
 * out must be all zeros on the other (the SQL returns no row for a subtree without ACTIVE positions).
 */
export function assertSameRollups(work: string, iprs: readonly NodeTotals[], baseline: readonly NodeTotals[]): void {
  const byNode = (nodes: readonly NodeTotals[]) => new Map(nodes.map((node) => [node.nodeId, node]));
  const ours = byNode(iprs);
  const theirs = byNode(baseline);
  const withOwn = iprs.some((node) => node.own) || baseline.some((node) => node.own);
  const orEmpty = (nodeId: string, node: NodeTotals | undefined) =>
    describe(node ?? { nodeId, subtree: empty, ...(withOwn ? { own: empty } : {}) });
  for (const nodeId of new Set([...ours.keys(), ...theirs.keys()])) {
    const our = orEmpty(nodeId, ours.get(nodeId));
    const their = orEmpty(nodeId, theirs.get(nodeId));
    if (our !== their) throw new ResultMismatchError(work, `SDK ${our} vs SQL ${their}`);
  }
}
