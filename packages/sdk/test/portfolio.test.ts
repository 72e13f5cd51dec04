import { useMigratedDatabase } from '@iprs/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  createNode,
  createPosition,
  deleteNode,
  getAncestors,
  getNode,
  getPath,
  getSubtree,
  InUseError,
  listChildren,
  moveNode,
  NotFoundError,
  renameNode,
  takeSnapshot,
  ValidationError,
  withTransaction,
} from '../src/index.js';
import { openPool } from './support/open-pool.js';
import { countRows, seedInstruments, seedTree } from './support/seed.js';

const databaseUrl = await useMigratedDatabase();
const pool = await openPool(databaseUrl);
await seedInstruments(pool, ['PF-1']);

describe('portfolio hierarchy', () => {
  it('creates, gets and renames nodes', async () => {
    const { fund, desk } = await seedTree(pool, 'A');
    expect(fund).toMatchObject({ portfolio_node_id: 'A-FUND', parent_id: null, node_type: 'FUND', tags_json: {} });
    expect(await getNode(pool, 'A-DESK')).toMatchObject({ parent_id: 'A-FUND', name: 'A desk' });
    const renamed = await renameNode(pool, { portfolio_node_id: desk.portfolio_node_id, name: '  Rates desk ' });
    expect(renamed.name).toBe('Rates desk');
    expect(renamed.updated_at.getTime()).toBeGreaterThanOrEqual(desk.updated_at.getTime());
    await expect(getNode(pool, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(renameNode(pool, { portfolio_node_id: 'nope', name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('generates an id when none is given', async () => {
    const node = await createNode(pool, { name: 'Generated', node_type: 'FUND' });
    expect(node.portfolio_node_id).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('enforces the node-type rules on create and move', async () => {
    await seedTree(pool, 'R');
    await expect(createNode(pool, { name: 'Orphan desk', node_type: 'DESK' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'parent_id',
    });
    await expect(createNode(pool, { name: 'Sub fund', node_type: 'FUND', parent_id: 'R-FUND' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const bookUnderFund = await createNode(pool, { name: 'Book', node_type: 'BOOK', parent_id: 'R-FUND' }).catch(
      (e) => e,
    );
    expect(bookUnderFund).toBeInstanceOf(ValidationError);
    expect(bookUnderFund.message).toContain("a BOOK must sit under DESK, but 'R-FUND' is a FUND");
    const nested = await createNode(pool, { name: 'Nested strategy', node_type: 'STRATEGY', parent_id: 'R-STRAT' });
    expect(nested.parent_id).toBe('R-STRAT');
    await expect(createNode(pool, { name: 'x', node_type: 'DESK', parent_id: 'missing' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(moveNode(pool, { portfolio_node_id: 'R-BOOK', parent_id: 'R-FUND' })).rejects.toMatchObject({
      field: 'parent_id',
    });
  });

  it('lists children, the subtree with depths, and the path from the root', async () => {
    await seedTree(pool, 'T');
    await createNode(pool, {
      portfolio_node_id: 'T-DESK2',
      name: 'T another desk',
      node_type: 'DESK',
      parent_id: 'T-FUND',
    });
    expect((await listChildren(pool, 'T-FUND')).map((node) => node.portfolio_node_id)).toEqual(['T-DESK2', 'T-DESK']);
    const roots = (await listChildren(pool, null)).map((node) => node.portfolio_node_id);
    expect(roots).toContain('T-FUND');
    const subtree = await getSubtree(pool, 'T-FUND');
    expect(subtree.map((node) => [node.portfolio_node_id, node.depth])).toEqual([
      ['T-FUND', 0],
      ['T-DESK2', 1],
      ['T-DESK', 1],
      ['T-BOOK', 2],
      ['T-STRAT', 3],
    ]);
    expect((await getPath(pool, 'T-STRAT')).map((node) => [node.portfolio_node_id, node.depth])).toEqual([
      ['T-FUND', 0],
      ['T-DESK', 1],
      ['T-BOOK', 2],
      ['T-STRAT', 3],
    ]);
    expect((await getAncestors(pool, 'T-BOOK')).map((node) => node.portfolio_node_id)).toEqual(['T-FUND', 'T-DESK']);
    expect(await getAncestors(pool, 'T-FUND')).toEqual([]);
    await expect(getSubtree(pool, 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('moves a node with its subtree, and refuses to move a node under itself or its own descendant', async () => {
    await seedTree(pool, 'M');
    await createNode(pool, { portfolio_node_id: 'M-DESK2', name: 'M desk 2', node_type: 'DESK', parent_id: 'M-FUND' });
    const moved = await moveNode(pool, { portfolio_node_id: 'M-BOOK', parent_id: 'M-DESK2' });
    expect(moved.parent_id).toBe('M-DESK2');
    expect((await getPath(pool, 'M-STRAT')).map((node) => node.portfolio_node_id)).toEqual([
      'M-FUND',
      'M-DESK2',
      'M-BOOK',
      'M-STRAT',
    ]);

    await createNode(pool, { portfolio_node_id: 'M-S2', name: 'inner', node_type: 'STRATEGY', parent_id: 'M-STRAT' });
    const underDescendant = await moveNode(pool, { portfolio_node_id: 'M-STRAT', parent_id: 'M-S2' }).catch((e) => e);
    expect(underDescendant).toBeInstanceOf(ValidationError);
    expect(underDescendant.field).toBe('parent_id');
    expect(underDescendant.message).toContain('cycle');
    const underItself = await moveNode(pool, { portfolio_node_id: 'M-STRAT', parent_id: 'M-STRAT' }).catch((e) => e);
    expect(underItself.message).toContain('its own parent');
    expect((await getNode(pool, 'M-STRAT')).parent_id).toBe('M-BOOK');
  });

  it('refuses concurrent opposite moves that would together form a cycle', async () => {
    await seedTree(pool, 'C');
    await createNode(pool, { portfolio_node_id: 'C-S1', name: 's1', node_type: 'STRATEGY', parent_id: 'C-BOOK' });
    await createNode(pool, { portfolio_node_id: 'C-S2', name: 's2', node_type: 'STRATEGY', parent_id: 'C-BOOK' });
    const outcomes = await Promise.allSettled([
      moveNode(pool, { portfolio_node_id: 'C-S1', parent_id: 'C-S2' }),
      moveNode(pool, { portfolio_node_id: 'C-S2', parent_id: 'C-S1' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [s1, s2] = [await getNode(pool, 'C-S1'), await getNode(pool, 'C-S2')];
    expect(s1.parent_id === 'C-S2' && s2.parent_id === 'C-S1').toBe(false);
  });

  it('deletes an empty leaf; refuses while children, positions or snapshots exist', async () => {
    await seedTree(pool, 'D');
    const withChildren = await deleteNode(pool, 'D-BOOK').catch((e) => e);
    expect(withChildren).toBeInstanceOf(InUseError);
    expect(withChildren.message).toContain('1 children');

    await createPosition(pool, { portfolio_node_id: 'D-STRAT', instrument_id: 'PF-1', quantity: '1', base_ccy: 'USD' });
    const withPositions = await deleteNode(pool, 'D-STRAT').catch((e) => e);
    expect(withPositions).toBeInstanceOf(InUseError);
    expect(withPositions.message).toContain('1 positions');

    const leaf = await createNode(pool, { name: 'leaf', node_type: 'STRATEGY', parent_id: 'D-BOOK' });
    await takeSnapshot(pool, { portfolio_node_id: leaf.portfolio_node_id, as_of_date: '2024-01-01' });
    await expect(deleteNode(pool, leaf.portfolio_node_id)).rejects.toThrow(/1 snapshots/u);

    const empty = await createNode(pool, { name: 'empty', node_type: 'STRATEGY', parent_id: 'D-BOOK' });
    await deleteNode(pool, empty.portfolio_node_id);
    await expect(getNode(pool, empty.portfolio_node_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteNode(pool, empty.portfolio_node_id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('composes inside a caller transaction: a throw leaves nothing', async () => {
    const before = await countRows(pool, 'portfolio_node');
    await expect(
      withTransaction(pool, async (transaction) => {
        await seedTree(transaction, 'X');
        await moveNode(transaction, { portfolio_node_id: 'X-STRAT', parent_id: 'X-BOOK' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await countRows(pool, 'portfolio_node')).toBe(before);
  });
});
