import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  closePosition,
  createNode,
  createPosition,
  NotFoundError,
  rollupNode,
  rollupSubtree,
  rollupTree,
  storeFxSnapshot,
  toDecimal,
  type NodeRollup,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['RU-1']);
await seedTree(pool, 'RU');
await createNode(pool, { portfolio_node_id: 'RU-DESK2', parent_id: 'RU-FUND', name: 'second desk', node_type: 'DESK' });
await storeFxSnapshot(pool, {
  snapshot_id: 'fx-ru',
  as_of_date: '2024-06-28',
  source: 'test',
  spots: [
    { pair: 'EUR/USD', spot_rate: '1.07' },
    { pair: 'GBP/USD', spot_rate: '1.25' },
  ],
});
let sequence = 0;
const hold = (node: string, ccy: string, bookValue: string | null, quantity = '1') =>
  createPosition(pool, {
    position_id: `ru-${(sequence += 1)}`,
    portfolio_node_id: node,
    instrument_id: 'RU-1',
    quantity,
    base_ccy: ccy,
    book_value: bookValue,
  });

await hold('RU-DESK', 'USD', '0.1');
await hold('RU-BOOK', 'USD', '0.2');
await hold('RU-STRAT', 'EUR', '9999999999999999999999999999.99', '1234567890123456789012345678');
await hold('RU-STRAT', 'EUR', '0.01');
await hold('RU-DESK2', 'GBP', '100');
await hold('RU-DESK2', 'GBP', null);
const closed = await hold('RU-BOOK', 'USD', '1000000');
await closePosition(pool, closed.position_id);

const byCurrency = (totals: NodeRollup['own']) =>
  Object.fromEntries(totals.byCurrency.map((entry) => [entry.currency, [entry.bookValue, entry.converted, entry.positionCount]]));

describe('rollups', () => {
  it('totals a node alone and its subtree, per currency and converted, exactly (0.1 + 0.2 = 0.3)', async () => {
    const desk = await rollupNode(pool, { portfolio_node_id: 'RU-DESK', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    expect(byCurrency(desk.own)).toEqual({ USD: ['0.1', '0.1', 1] });
    expect(desk.own.total).toBe('0.1');
    expect(byCurrency(desk.subtree)).toEqual({
      EUR: ['10000000000000000000000000000', '10700000000000000000000000000', 2],
      USD: ['0.3', '0.3', 2],
    });
    expect(desk.subtree.total).toBe('10700000000000000000000000000.3');
    expect(desk.subtree.positionCount).toBe(4);
  });

  it('leaves closed positions out and counts positions without book_value', async () => {
    const book = await rollupNode(pool, { portfolio_node_id: 'RU-BOOK', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    expect(byCurrency(book.own)).toEqual({ USD: ['0.2', '0.2', 1] });
    const desk2 = await rollupNode(pool, { portfolio_node_id: 'RU-DESK2', reporting_ccy: 'EUR', fx_snapshot_id: 'fx-ru' });
    expect(desk2.own).toMatchObject({ positionCount: 2, positionsWithoutBookValue: 1 });
    // GBP → EUR triangulated through USD: 100 × 1.25 / 1.07, rounded once to 34 significant digits.
    expect(desk2.own.total).toBe('116.8224299065420560747663551401869');
  });

  it('gives own and subtree totals for every node of a subtree, summing currencies before converting', async () => {
    const result = await rollupSubtree(pool, { portfolio_node_id: 'RU-FUND', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    const nodes = Object.fromEntries(result.nodes.map((node) => [node.portfolioNodeId, node]));
    expect(result.nodes.map((node) => node.portfolioNodeId)).toEqual(['RU-FUND', 'RU-DESK', 'RU-DESK2', 'RU-BOOK', 'RU-STRAT']);
    expect(nodes['RU-FUND']?.own.total).toBe('0');
    expect(byCurrency(nodes['RU-FUND']!.subtree)).toEqual({
      EUR: ['10000000000000000000000000000', '10700000000000000000000000000', 2],
      GBP: ['100', '125', 2],
      USD: ['0.3', '0.3', 2],
    });
    expect(nodes['RU-FUND']?.subtree.total).toBe('10700000000000000000000000125.3');
    expect(nodes['RU-BOOK']?.subtree.total).toBe(toDecimal('10700000000000000000000000000').plus('0.2').toFixed());
    expect(nodes['RU-STRAT']?.depth).toBe(3);
    const fromDesk = await rollupSubtree(pool, { portfolio_node_id: 'RU-DESK', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    expect(fromDesk.nodes.map((node) => [node.portfolioNodeId, node.depth])).toEqual([
      ['RU-DESK', 0],
      ['RU-BOOK', 1],
      ['RU-STRAT', 2],
    ]);
  });

  it('rolls up the whole tree', async () => {
    await createNode(pool, { portfolio_node_id: 'RU-FUND2', name: 'other fund', node_type: 'FUND' });
    await hold('RU-FUND2', 'USD', '5');
    const result = await rollupTree(pool, { reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    const roots = result.nodes.filter((node) => node.parentId === null);
    expect(roots.map((node) => [node.portfolioNodeId, node.subtree.total])).toEqual([
      ['RU-FUND', '10700000000000000000000000125.3'],
      ['RU-FUND2', '5'],
    ]);
  });

  it('names the missing FX pair, and a missing node', async () => {
    await hold('RU-DESK2', 'CHF', '1');
    const error = await rollupNode(pool, { portfolio_node_id: 'RU-DESK2', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('CHF/USD');
    expect(error.message).toContain('fx-ru');
    await expect(rollupSubtree(pool, { portfolio_node_id: 'missing', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(rollupNode(pool, { portfolio_node_id: 'RU-DESK', reporting_ccy: 'usd', fx_snapshot_id: 'fx-ru' })).rejects.toMatchObject({
      field: 'reporting_ccy',
    });
  });
});
