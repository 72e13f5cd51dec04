import { AsyncLocalStorage } from 'node:async_hooks';
import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  closePosition,
  createNode,
  createPosition,
  dbConn,
  NotFoundError,
  rollupNode,
  rollupSubtree,
  rollupTree,
  sql,
  storeFxSnapshot,
  toDecimal,
  withTransaction,
  type Interceptor,
  type NodeRollup,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
/** Runs once, just before the next query that reads fx_spot: lets a test commit a write in the middle of a rollup. */
let beforeFxRead: (() => Promise<void>) | null = null;
let statementsSent = 0;
// Slonik refuses pool queries made from inside a transaction's async context; the write must come from outside it.
const outsideTheRollup = AsyncLocalStorage.snapshot();
const interleave: Interceptor = {
  name: 'write-during-rollup',
  beforeQueryExecution: async (_context, query) => {
    statementsSent += 1;
    const write = beforeFxRead;
    if (write && query.sql.includes('FROM fx_spot')) {
      beforeFxRead = null;
      await outsideTheRollup(write);
    }
    return null;
  },
};
const interleavedPool = await openPool(databaseUrl, { interceptors: [interleave] });
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
  Object.fromEntries(
    totals.byCurrency.map((entry) => [entry.currency, [entry.bookValue, entry.converted, entry.positionCount]]),
  );

describe('rollups', () => {
  it('totals a node alone and its subtree, per currency and converted, exactly (0.1 + 0.2 = 0.3)', async () => {
    const desk = await rollupNode(pool, {
      portfolio_node_id: 'RU-DESK',
      reporting_ccy: 'USD',
      fx_snapshot_id: 'fx-ru',
    });
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
    const book = await rollupNode(pool, {
      portfolio_node_id: 'RU-BOOK',
      reporting_ccy: 'USD',
      fx_snapshot_id: 'fx-ru',
    });
    expect(byCurrency(book.own)).toEqual({ USD: ['0.2', '0.2', 1] });
    const desk2 = await rollupNode(pool, {
      portfolio_node_id: 'RU-DESK2',
      reporting_ccy: 'EUR',
      fx_snapshot_id: 'fx-ru',
    });
    expect(desk2.own).toMatchObject({ positionCount: 2, positionsWithoutBookValue: 1 });
    // GBP → EUR triangulated through USD: 100 × 1.25 / 1.07, rounded once to 34 significant digits.
    expect(desk2.own.total).toBe('116.8224299065420560747663551401869');
  });

  it('gives own and subtree totals for every node of a subtree, summing currencies before converting', async () => {
    const result = await rollupSubtree(pool, {
      portfolio_node_id: 'RU-FUND',
      reporting_ccy: 'USD',
      fx_snapshot_id: 'fx-ru',
    });
    const nodes = Object.fromEntries(result.nodes.map((node) => [node.portfolioNodeId, node]));
    expect(result.nodes.map((node) => node.portfolioNodeId)).toEqual([
      'RU-FUND',
      'RU-DESK',
      'RU-DESK2',
      'RU-BOOK',
      'RU-STRAT',
    ]);
    expect(nodes['RU-FUND']?.own.total).toBe('0');
    expect(byCurrency(nodes['RU-FUND']!.subtree)).toEqual({
      EUR: ['10000000000000000000000000000', '10700000000000000000000000000', 2],
      GBP: ['100', '125', 2],
      USD: ['0.3', '0.3', 2],
    });
    expect(nodes['RU-FUND']?.subtree.total).toBe('10700000000000000000000000125.3');
    expect(nodes['RU-BOOK']?.subtree.total).toBe(toDecimal('10700000000000000000000000000').plus('0.2').toFixed());
    expect(nodes['RU-STRAT']?.depth).toBe(3);
    const fromDesk = await rollupSubtree(pool, {
      portfolio_node_id: 'RU-DESK',
      reporting_ccy: 'USD',
      fx_snapshot_id: 'fx-ru',
    });
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

  it("reads one consistent state: one statement for a node, and a write committed between a subtree or tree rollup's statements is not seen", async () => {
    const request = { portfolio_node_id: 'RU-FUND', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' };
    const before = await rollupNode(pool, request);
    const commitNewHolding = async () => {
      await createNode(pool, {
        portfolio_node_id: 'RU-DESK3',
        parent_id: 'RU-FUND',
        name: 'late desk',
        node_type: 'DESK',
      });
      await hold('RU-DESK3', 'USD', '7');
      await hold('RU-FUND', 'USD', '3');
    };

    // The pool's first call also checks the database's schema release; count only the rollup's own statements.
    await interleavedPool.query(sql.unsafe`SELECT 1`);
    // rollupNode reads the node, the spots and the sums in one statement: a commit lands before it or after it.
    beforeFxRead = commitNewHolding;
    statementsSent = 0;
    const node = await rollupNode(interleavedPool, request);
    expect(beforeFxRead).toBeNull();
    expect(statementsSent).toBe(1);
    expect(node.subtree.total).toBe(toDecimal(before.subtree.total).plus('10').toFixed());
    expect(node.own.total).toBe(toDecimal(before.own.total).plus('3').toFixed());

    beforeFxRead = () => hold('RU-DESK3', 'USD', '100').then(() => undefined);
    const subtree = await rollupSubtree(interleavedPool, request);
    expect(subtree.nodes.find((entry) => entry.portfolioNodeId === 'RU-DESK3')?.own.total).toBe('7');

    beforeFxRead = () => hold('RU-DESK3', 'USD', '1000').then(() => undefined);
    const tree = await rollupTree(interleavedPool, { reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' });
    expect(tree.nodes.find((entry) => entry.portfolioNodeId === 'RU-DESK3')?.own.total).toBe('107');
  });

  it("runs inside a caller's transaction (seeing its uncommitted writes) and on a dbConn connection", async () => {
    const request = { portfolio_node_id: 'RU-DESK2', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' };
    const committed = await rollupNode(pool, request);
    const seen = await withTransaction(pool, async (transaction) => {
      await createPosition(transaction, {
        position_id: 'ru-uncommitted',
        portfolio_node_id: 'RU-DESK2',
        instrument_id: 'RU-1',
        quantity: '1',
        base_ccy: 'USD',
        book_value: '50',
      });
      const node = await rollupNode(transaction, request);
      const subtree = await rollupSubtree(transaction, request);
      await transaction.query(sql.unsafe`DELETE FROM position WHERE position_id = 'ru-uncommitted'`);
      return { node, subtree };
    });
    expect(seen.node.own.total).toBe(toDecimal(committed.own.total).plus('50').toFixed());
    expect(seen.subtree.nodes[0]?.subtree.total).toBe(toDecimal(committed.subtree.total).plus('50').toFixed());
    expect(await dbConn(pool, (connection) => rollupNode(connection, request))).toEqual(committed);
  });

  it('finds every node of uneven subtrees: each rollupNode agrees with a model of the positions and with rollupSubtree', async () => {
    // LV-FUND > LV-A > (LV-A1 > LV-A1X, LV-A2 without positions); LV-FUND > LV-B (a leaf one level down);
    // LV-FUND > LV-C (no positions of its own) > LV-C1: branches of different depths, several currencies per level.
    const parents: Record<string, string | null> = {
      'LV-FUND': null,
      'LV-A': 'LV-FUND',
      'LV-A1': 'LV-A',
      'LV-A1X': 'LV-A1',
      'LV-A2': 'LV-A',
      'LV-B': 'LV-FUND',
      'LV-C': 'LV-FUND',
      'LV-C1': 'LV-C',
    };
    const types = { 0: 'FUND', 1: 'DESK', 2: 'BOOK', 3: 'STRATEGY' } as const;
    const depthOf = (id: string): 0 | 1 | 2 | 3 => {
      const parent = parents[id];
      return parent ? ((depthOf(parent) + 1) as 0 | 1 | 2 | 3) : 0;
    };
    for (const [id, parent] of Object.entries(parents)) {
      await createNode(pool, { portfolio_node_id: id, parent_id: parent, name: id, node_type: types[depthOf(id)] });
    }
    const holdings: [node: string, ccy: string, bookValue: string | null][] = [
      ['LV-FUND', 'USD', '1'],
      ['LV-A', 'EUR', '2.5'],
      ['LV-A1', 'GBP', '10'],
      ['LV-A1', 'USD', null],
      ['LV-A1X', 'EUR', '0.25'],
      ['LV-A1X', 'GBP', '3'],
      ['LV-B', 'USD', '7'],
      ['LV-C1', 'EUR', '4'],
    ];
    for (const [node, ccy, bookValue] of holdings) await hold(node, ccy, bookValue);
    await closePosition(pool, (await hold('LV-B', 'USD', '100')).position_id);

    const isUnder = (node: string, root: string): boolean =>
      node === root || (parents[node] !== null && isUnder(parents[node] as string, root));
    const modelOf = (included: (node: string) => boolean) => {
      const totals = new Map<string, { bookValue: ReturnType<typeof toDecimal>; count: number }>();
      let unvalued = 0;
      for (const [, ccy, bookValue] of holdings.filter(([holder]) => included(holder))) {
        const entry = totals.get(ccy) ?? { bookValue: toDecimal(0), count: 0 };
        totals.set(ccy, { bookValue: entry.bookValue.plus(bookValue ?? '0'), count: entry.count + 1 });
        if (bookValue === null) unvalued += 1;
      }
      return {
        byCurrency: Object.fromEntries(
          [...totals].map(([ccy, { bookValue, count }]) => [ccy, [bookValue.toFixed(), count] as const]),
        ),
        positionsWithoutBookValue: unvalued,
      };
    };
    const observed = (totals: NodeRollup['own']) => ({
      byCurrency: Object.fromEntries(
        totals.byCurrency.map((entry) => [entry.currency, [entry.bookValue, entry.positionCount] as const]),
      ),
      positionsWithoutBookValue: totals.positionsWithoutBookValue,
    });
    const request = { reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' };
    const fromRoot = await rollupSubtree(pool, { portfolio_node_id: 'LV-FUND', ...request });
    expect(fromRoot.nodes).toHaveLength(Object.keys(parents).length);
    for (const id of Object.keys(parents)) {
      const node = await rollupNode(pool, { portfolio_node_id: id, ...request });
      expect({ id, totals: observed(node.subtree) }).toEqual({
        id,
        totals: modelOf((holder) => isUnder(holder, id)),
      });
      expect({ id, totals: observed(node.own) }).toEqual({ id, totals: modelOf((holder) => holder === id) });
      const inSubtree = fromRoot.nodes.find((entry) => entry.portfolioNodeId === id);
      expect({ id, own: node.own, subtree: node.subtree }).toEqual({
        id,
        own: inSubtree?.own,
        subtree: inSubtree?.subtree,
      });
    }
    expect((await rollupNode(pool, { portfolio_node_id: 'LV-FUND', ...request })).subtree.total).toBe(
      toDecimal('1')
        .plus('7')
        .plus(toDecimal('2.5').plus('0.25').plus('4').times('1.07'))
        .plus(toDecimal('13').times('1.25'))
        .toFixed(),
    );
  });

  it('names the missing FX pair, and a missing node', async () => {
    await hold('RU-DESK2', 'CHF', '1');
    const error = await rollupNode(pool, {
      portfolio_node_id: 'RU-DESK2',
      reporting_ccy: 'USD',
      fx_snapshot_id: 'fx-ru',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('CHF/USD');
    expect(error.message).toContain('fx-ru');
    await expect(
      rollupSubtree(pool, { portfolio_node_id: 'missing', reporting_ccy: 'USD', fx_snapshot_id: 'fx-ru' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      rollupNode(pool, { portfolio_node_id: 'RU-DESK', reporting_ccy: 'usd', fx_snapshot_id: 'fx-ru' }),
    ).rejects.toMatchObject({
      field: 'reporting_ccy',
    });
  });
});
